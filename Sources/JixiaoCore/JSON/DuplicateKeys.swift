/// The keys of one large object as the parser reads it, to find a key given twice.
///
/// Why not a `Set<String>`: an object of a hostile file can have a million keys, and a set
/// would hold a string for each. This table holds each key's place on the tape and a part of
/// its hash, 8 bytes a key, and reads the key itself from the file's bytes when two hashes
/// meet. Small objects, the usual kind, are not put in a table at all (`lookLimit`).
struct DuplicateKeys {
    /// Objects with fewer keys are checked by a look through their keys so far.
    static let lookLimit = 16

    /// Tape index + 1 of each key (0: free), and the low 32 bits of its hash, which also place
    /// it (a table never has 2^32 slots), so that growing does not hash the keys again.
    private var slots: [UInt32] = []
    private var hashes: [UInt32] = []
    private var used = 0

    var isEmpty: Bool { used == 0 }

    /// The hash of a key's text, consistent with how keys are compared (`sameKey`): ASCII
    /// keys by their bytes would not do, since a non-ASCII key can equal an ASCII one.
    private static func hash(_ key: Int, _ tape: some TapeReading) -> Int {
        tape.string(key).hashValue
    }

    /// Puts in the keys of object `object` that come before `key`.
    mutating func insertKeys(of object: Int, before key: Int, _ tape: some TapeReading) {
        var k = object + 1
        while k < key {
            _ = insert(k, tape)
            k = tape.next(k + 1)
        }
    }

    /// Adds key `key`; false when the object already has it.
    mutating func insert(_ key: Int, _ tape: some TapeReading) -> Bool {
        if (used + 1) * 4 > slots.count * 3 { grow() }
        let h = UInt32(truncatingIfNeeded: Self.hash(key, tape))
        let mask = slots.count - 1
        var s = Int(h) & mask
        while slots[s] != 0 {
            if hashes[s] == h && tape.sameKey(Int(slots[s]) - 1, key) { return false }
            s = (s + 1) & mask
        }
        slots[s] = UInt32(key + 1)
        hashes[s] = h
        used += 1
        return true
    }

    private mutating func grow() {
        let oldSlots = slots, oldHashes = hashes
        slots = [UInt32](repeating: 0, count: max(64, oldSlots.count * 2))
        hashes = [UInt32](repeating: 0, count: slots.count)
        let mask = slots.count - 1
        for j in oldSlots.indices where oldSlots[j] != 0 {
            var s = Int(oldHashes[j]) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = oldSlots[j]
            hashes[s] = oldHashes[j]
        }
    }
}
