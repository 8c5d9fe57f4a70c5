/// `sum x[i]^2` over `count` floats, sixteen lanes at a time.
@inlinable @inline(__always)
public func squaredNorm(_ x: UnsafePointer<Float>, count: Int) -> Float {
    typealias Lanes = SIMD16<Float>
    var lanes = Lanes(repeating: 0)
    var i = 0
    while i + Lanes.scalarCount <= count {
        let e = UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self)
        lanes = lanes + e * e
        i += Lanes.scalarCount
    }
    var s = lanes.sum()
    while i < count { s += x[i] * x[i]; i += 1 }
    return s
}

/// `sum (x[i] - y[i])^2` over `count` floats, sixteen lanes at a time.
@inlinable @inline(__always)
public func squaredDistance(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
    typealias Lanes = SIMD16<Float>
    var lanes = Lanes(repeating: 0)
    var i = 0
    while i + Lanes.scalarCount <= count {
        let e = UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self) - UnsafeRawPointer(y + i).loadUnaligned(as: Lanes.self)
        lanes = lanes + e * e
        i += Lanes.scalarCount
    }
    var s = lanes.sum()
    while i < count { let e = x[i] - y[i]; s += e * e; i += 1 }
    return s
}

/// `sum x[i]` over `count` floats, sixteen lanes at a time.
@inlinable @inline(__always)
public func vectorSum(_ x: UnsafePointer<Float>, count: Int) -> Float {
    typealias Lanes = SIMD16<Float>
    var lanes = Lanes(repeating: 0)
    var i = 0
    while i + Lanes.scalarCount <= count {
        lanes = lanes + UnsafeRawPointer(x + i).loadUnaligned(as: Lanes.self)
        i += Lanes.scalarCount
    }
    var s = lanes.sum()
    while i < count { s += x[i]; i += 1 }
    return s
}
