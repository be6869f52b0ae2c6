import XCTest
@testable import OutcomesCore

/// `ByteInterner` and `CellMemo` against a Dictionary: keys of every short length, keys that
/// differ only in their first, middle or last byte, growth, and the memo's limit.
final class CellMemoTests: XCTestCase {
    /// Keys of 0–40 bytes from a small alphabet, so many share lengths and prefixes.
    private func keys(count: Int, seed: UInt64) -> [[UInt8]] {
        var rng = SeededGenerator(seed: seed)
        var out: [[UInt8]] = []
        for _ in 0..<count {
            let n = Int(rng.next() % 41)
            out.append((0..<n).map { _ in UInt8(0x61 + rng.next() % 3) })
        }
        // Near misses at each position of a 17-byte key (past the 8-byte words and the tail).
        let base = [UInt8](repeating: 0x61, count: 17)
        for i in 0..<17 {
            var k = base
            k[i] = 0x62
            out.append(k)
        }
        out.append(base)
        return out
    }

    func testInternerMatchesADictionaryThroughGrowth() {
        let interner = ByteInterner(capacity: 1)
        var reference: [[UInt8]: Int] = [:]
        for key in keys(count: 30_000, seed: 0xB17E5) {
            let (index, isNew) = key.withUnsafeBytes { interner.index(of: $0) }
            if let known = reference[key] {
                XCTAssertEqual(index, known)
                XCTAssertFalse(isNew)
            } else {
                XCTAssertTrue(isNew)
                XCTAssertEqual(index, reference.count)
                reference[key] = index
            }
        }
        XCTAssertEqual(interner.count, reference.count)
        for (key, index) in reference {
            XCTAssertEqual(Array(interner.key(index)), key)
            XCTAssertEqual(key.withUnsafeBytes { interner.index(of: $0, insert: false).index }, index)
        }
        let absent: [UInt8] = Array("not a key of the alphabet".utf8)
        XCTAssertEqual(absent.withUnsafeBytes { interner.index(of: $0, insert: false).index }, -1)
        XCTAssertEqual(interner.count, reference.count)
    }

    /// Key comparison on its own (in the table, hash tags make it rare to compare unequal keys).
    func testSameFindsADifferenceAtEveryPositionOfEveryLength() {
        for n in 0...40 {
            let a = [UInt8](repeating: 0x5A, count: n)
            a.withUnsafeBytes { pa in
                XCTAssertTrue(ByteInterner.same(pa.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, pa.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: n))
            }
            for i in 0..<n {
                var b = a
                b[i] = 0x5B
                a.withUnsafeBytes { pa in
                    b.withUnsafeBytes { pb in
                        XCTAssertFalse(ByteInterner.same(pa.baseAddress!, pb.baseAddress!, count: n), "length \(n), byte \(i)")
                    }
                }
            }
        }
    }

    func testMemoComputesEachCellOnceUpToItsLimit() {
        let memo = CellMemo<Int>(limit: 100)
        var made = 0
        let cells = (0..<300).map { Array("cell \($0 % 150)".utf8) }
        for cell in cells {
            let value = cell.withUnsafeBytes { bytes in
                memo.value(bytes) { b in
                    made += 1
                    return b.count * 1000 + Int(b.last!)
                }
            }
            XCTAssertEqual(value, cell.count * 1000 + Int(cell.last!))
        }
        // The first 100 distinct cells are kept; the other 50 are computed at each of their two sightings.
        XCTAssertEqual(made, 100 + 2 * 50)
    }

    /// Values kept in the key's record (plain bytes) and in an array (with references) read back
    /// the same through the arena's growth, for keys of every short length.
    func testMemoValuesSurviveGrowthInRecordsAndInAnArray() {
        struct Plain: Equatable { var a: UInt64; var b: Int32; var c: Bool }
        let plain = CellMemo<Plain>()
        let boxed = CellMemo<String>()
        var reference: [[UInt8]: Int] = [:]
        let all = keys(count: 20_000, seed: 0x3E40)
        for (n, key) in all.enumerated() {
            let first = reference[key] ?? n
            reference[key] = first
            let p = key.withUnsafeBytes { plain.value($0) { _ in Plain(a: UInt64(n) &* 0x9E37_79B9, b: Int32(n), c: n % 2 == 0) } }
            let s = key.withUnsafeBytes { boxed.value($0) { _ in "value \(n)" } }
            XCTAssertEqual(p, Plain(a: UInt64(first) &* 0x9E37_79B9, b: Int32(first), c: first % 2 == 0))
            XCTAssertEqual(s, "value \(first)")
        }
        for (key, first) in reference {
            XCTAssertEqual(key.withUnsafeBytes { plain.value($0) { _ in Plain(a: 0, b: -1, c: false) } }.b, Int32(first))
        }
    }

    /// The hash reads a cell's last bytes as whole words; it must equal the word-then-byte
    /// definition for every length (rows' digests and the memo tables rest on it).
    func testCellHashEqualsTheByteByByteDefinitionAtEveryLength() {
        func reference(_ b: [UInt8]) -> UInt64 {
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(b.count)
            var i = 0
            while i + 8 <= b.count {
                var w: UInt64 = 0
                for k in 0..<8 { w |= UInt64(b[i + k]) << UInt64(8 * k) }
                h = CellHash.mix(h ^ w)
                i += 8
            }
            if i < b.count {
                var tail: UInt64 = 0
                for k in i..<b.count { tail |= UInt64(b[k]) << UInt64(8 * (k - i)) }
                h = CellHash.mix(h ^ tail)
            }
            return CellHash.mix(h)
        }
        var rng = SeededGenerator(seed: 0xCE11)
        for n in 0...40 {
            for _ in 0..<20 {
                let bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                XCTAssertEqual(bytes.withUnsafeBytes { CellHash.of($0) }, reference(bytes), "length \(n)")
            }
        }
    }
}
