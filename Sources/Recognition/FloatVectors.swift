/// `sum x[i]^2` over `count` floats, sixteen lanes at a time.
@inline(__always)
func squaredNorm(_ x: UnsafePointer<Float>, count: Int) -> Float {
    squaredDistance(x, nil, count: count)
}

/// `sum (x[i] - y[i])^2` over `count` floats (`y` nil: zeros), sixteen lanes at a time.
@inline(__always)
func squaredDistance(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>?, count: Int) -> Float {
    typealias Lanes = SIMD16<Float>
    let width = Lanes.scalarCount
    var lanes = Lanes(repeating: 0)
    var i = 0
    while i + width <= count {
        var e = UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self)
        if let y { e -= UnsafeRawPointer(y + i).loadUnaligned(as: Lanes.self) }
        lanes.addProduct(e, e)
        i += width
    }
    var s = lanes.sum()
    while i < count {
        let e = x[i] - (y?[i] ?? 0)
        s += e * e
        i += 1
    }
    return s
}
