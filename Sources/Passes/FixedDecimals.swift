extension Double {
    /// The value written with exactly `places` digits after the point, rounded half away from
    /// zero (`printf`'s `%.Nf` for the finite values statistics print).
    public func fixed(_ places: Int) -> String {
        guard isFinite else { return "\(self)" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let units = Int((abs(self) * scale).rounded())
        let whole = units / Int(scale)
        let fraction = String(units % Int(scale))
        let sign = self < 0 && units != 0 ? "-" : ""
        guard places > 0 else { return "\(sign)\(whole)" }
        return "\(sign)\(whole)." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
