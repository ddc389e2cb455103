/// What a sheet's bytes were, in 16 bytes: its length and a 64-bit FNV-1a hash. The recovery
/// journal keeps the fingerprint of the file its edits started from, so that a sheet changed
/// afterwards (a `jixiao set` after a crash) is noticed before the journal is restored over it.
/// A check against accidents, not against forgery: the journal is the user's own file.
public struct SheetFingerprint: Equatable, Sendable {
    public var length: Int
    public var hash: UInt64

    public init(_ bytes: [UInt8]) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        length = bytes.count
        hash = h
    }

    init(length: Int, hash: UInt64) {
        self.length = length
        self.hash = hash
    }

    var json: JSONValue {
        .object(JSONObject([("bytes", .number(String(length))), ("fnv1a64", .string(String(hash, radix: 16)))]))
    }

    init?(json: JSONValue?) {
        guard let o = json?.objectValue, let n = o["bytes"]?.numberLiteral, let length = Int(n),
              let h = o["fnv1a64"]?.stringValue, let hash = UInt64(h, radix: 16) else { return nil }
        self.init(length: length, hash: hash)
    }
}
