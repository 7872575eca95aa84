import GroundworkCore
import GroundworkStore

/// Saving a long session the way the CLI does after every turn: encode, then a durable write
/// (temp file, fsync, rename, fsync of the folder) in a scratch data folder.
struct PersistenceBench {
    /// A scratch data folder (GROUNDWORK_HOME) the bench may fill and leave.
    var scratch: String
    var turns = 500
    var saves = 200

    func run() -> [Row] {
        let p50Figure = "save per turn at \(turns) entries p50 (encode + durable write)"
        let p99Figure = "save per turn at \(turns) entries p99"
        do throws(StoreError) {
            let store = UserStore(location: DataLocation(root: scratch), user: try UserName("bench"))
            let writer = try store.lockForWriting()
            let start = Timestamp(millisecondsSince1970: 1_760_000_000_000)
            var record = SessionFactory.record(turns: turns, user: "bench", startedAt: start, completed: false, seed: 7)
            try writer.save(&record, now: start)
            let size = try store.fileSystem.read(store.path(of: record.fileName)).count

            let codec = SessionCodec()
            var encodeTimes = Samples()
            for _ in 0..<saves {
                let begin = MonotonicClock.now()
                _ = try codec.encode(record)
                encodeTimes.append(MonotonicClock.now() - begin)
            }
            var saveTimes = Samples()
            for index in 0..<saves {
                // Each save changes the record a little, as a turn would.
                record.state.variables["turn"] = .number(Double(index))
                let now = Timestamp(millisecondsSince1970: start.millisecondsSince1970 + Int64(index) * 1_000)
                let begin = MonotonicClock.now()
                try writer.save(&record, now: now)
                saveTimes.append(MonotonicClock.now() - begin)
            }
            note("persistence: \(turns)-turn session file is \(Formatting.grouped(Int64(size))) bytes; encoding alone p50 "
                + "\(Formatting.millis(encodeTimes.median())), p99 \(Formatting.millis(encodeTimes.percentile(99))) over \(saves) saves")
            return [
                Row(figure: p50Figure, value: Formatting.millis(saveTimes.median()), target: "", verdict: .info),
                Row(figure: p99Figure, value: Formatting.millis(saveTimes.percentile(99)), target: "", verdict: .info),
            ]
        } catch {
            return [.skipped(p50Figure, because: "store error: \(error)"), .skipped(p99Figure, because: "store error: \(error)")]
        }
    }
}
