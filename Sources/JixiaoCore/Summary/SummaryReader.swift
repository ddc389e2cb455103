#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Reads many sheets into summary rows, on every core, in the order they were given.
///
/// Each sheet is read (through `AtomicFile`: no FIFO, no file over 16 MB), computed, checked
/// and made into its row by one worker, and dropped before the worker takes the next: memory
/// holds one sheet per worker and the small rows, however many sheets there are. Workers
/// take the next sheet from a shared counter, so a large sheet does not hold up the rest, and
/// each result goes to the slot of its sheet, so the order is the order given, whatever the
/// timing. A sheet that cannot be read is a failure in its slot; the others are read still.
public enum SummaryReader {
    public enum Outcome: Sendable {
        case row(SummaryRow)
        case failed(LoadError)
    }

    /// One outcome per path, in the same order. `workers` nil: one per core.
    public static func read(_ paths: [String], registry: TemplateRegistry, form: SummaryForm, workers: Int? = nil) -> [Outcome] {
        let count = paths.count
        guard count > 0 else { return [] }
        let slots = UnsafeMutableBufferPointer<Outcome?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        // Each slot is written by exactly one worker, once, and read only after every worker
        // has finished (concurrentPerform returns then): no two threads touch one slot.
        nonisolated(unsafe) let shared = slots
        let next = Atomic<Int>(0)
        let threads = min(max(1, workers ?? processors()), count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < count else { return }
                shared[k] = outcome(paths[k], registry, form)
            }
        }
        // Every slot below `count` was taken by a worker; an empty one would be a sheet the
        // workers skipped, and is said as such rather than dropped from the summary.
        return slots.enumerated().map { k, o in o ?? .failed(.file(FileError(path: paths[k], message: "未读取", messageEn: "not read"))) }
    }

    static func outcome(_ path: String, _ registry: TemplateRegistry, _ form: SummaryForm) -> Outcome {
        do {
            return .row(SheetFigures.row(try SessionFile.load(path, registry: registry), form: form))
        } catch {
            return .failed(brief(error))
        }
    }

    /// A failure as a summary keeps it: its first problem, and how many more there are
    /// (`jixiao validate` lists them). A folder of 10,000 broken files would otherwise hold,
    /// and print, up to fifty messages for each.
    static func brief(_ e: LoadError) -> LoadError {
        switch e {
        case .session(var s) where s.issues.count > 1:
            s.unlisted += s.issues.count - 1
            s.issues.removeLast(s.issues.count - 1)
            return .session(s)
        case .template(var t) where t.issues.count > 1:
            t.unlisted += t.issues.count - 1
            t.issues.removeLast(t.issues.count - 1)
            return .template(t)
        default:
            return e
        }
    }

    /// The cores this process may run on.
    static func processors() -> Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
