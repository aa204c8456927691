/// A binary min-heap over a flat array: `pop` returns the least element (by `<`), ties in no
/// particular order, so callers that need a deterministic order make the key total (e.g. a
/// cost and then a value number).
///
/// Invariant: `items[k] >= items[(k - 1) / 2]` for every `k > 0`.
struct MinHeap<Element: Comparable> {
    private var items: [Element] = []

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ element: Element) {
        items.append(element)
        var k = items.count - 1
        while k > 0 {
            let parent = (k - 1) / 2
            guard items[k] < items[parent] else { break }
            items.swapAt(k, parent)
            k = parent
        }
    }

    mutating func pop() -> Element? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        let top = items[0]
        items[0] = last
        var k = 0
        while true {
            let left = 2 * k + 1
            let right = left + 1
            var least = k
            if left < items.count, items[left] < items[least] { least = left }
            if right < items.count, items[right] < items[least] { least = right }
            guard least != k else { break }
            items.swapAt(k, least)
            k = least
        }
        return top
    }
}
