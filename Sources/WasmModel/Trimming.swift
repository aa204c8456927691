extension StringProtocol {
    /// The text without the leading and trailing characters `isTrimmed` accepts (the
    /// standard library's counterpart of Foundation's `trimmingCharacters(in:)`).
    public func trimmed(where isTrimmed: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !isTrimmed($0) }),
            let last = lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(self[first...last])
    }
}
