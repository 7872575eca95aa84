import Foundation
import GroundworkCore
import HummingbirdWSClient
import Logging
import Synchronization

/// A participant's connection to a hosted room from a terminal (`groundwork group join`): joins
/// with the code and a name, keeps the token, reconnects with it when the connection drops, and
/// hands over what the room says. Answers wait in order until the room acknowledges them.
public final class RoomClient: Sendable {
    /// What the room said, in order.
    public enum Heard: Sendable, Hashable {
        case joined(name: String)
        case view(RoomView)
        /// The room's reply to one answer: accepted, or why not (or the crisis lines).
        case reply(status: String, text: String?)
        case privately(String)
        case problem(String)
        case disconnected
    }

    private struct Inner {
        var token: String?
        var heard: [Heard] = []
        var outbox: AsyncStream<String>.Continuation?
        /// Answers sent and not yet acknowledged, sent again after a reconnect.
        var unacknowledged: [(id: String, text: String)] = []
        var counter = 0
        var stopped = false
    }

    public let address: RoomAddress
    private let inner = Mutex(Inner())
    private let onHeard = Mutex<(@Sendable () -> Void)?>(nil)
    private let task = Mutex<Task<Void, Never>?>(nil)

    public init(address: RoomAddress) {
        self.address = address
    }

    /// Calls `hook` whenever something new was heard (the terminal wakes to show it).
    public func whenHeard(_ hook: @escaping @Sendable () -> Void) { onHeard.withLock { $0 = hook } }

    /// Connects and joins; keeps the connection (and reconnects) until `stop`.
    public func start(code: String, name: String) {
        let running = Task { [self] in
            var first = true
            var wait = 0.25
            while !Task.isCancelled, !inner.withLock({ $0.stopped }) {
                let hello: String
                if let token = inner.withLock({ $0.token }) {
                    hello = RoomProtocol.encode(.hello(token: token))
                } else if first {
                    hello = RoomProtocol.encode(.join(code: code, name: name))
                } else {
                    return
                }
                first = false
                do {
                    try await session(hello: hello)
                    wait = 0.25
                } catch {
                    hear(.problem("cannot reach the room at \(address): \(RoomClient.plain(error))"))
                }
                guard !inner.withLock({ $0.stopped }), !Task.isCancelled else { return }
                hear(.disconnected)
                try? await Task.sleep(for: .seconds(wait))
                wait = min(wait * 2, 8)
            }
        }
        task.withLock { $0 = running }
    }

    public func stop() {
        inner.withLock {
            $0.stopped = true
            $0.outbox?.finish()
        }
        task.withLock { $0?.cancel() }
    }

    /// Sends an answer; it is sent again after a reconnect until the room replies to it.
    public func answer(_ text: String) {
        inner.withLock { inner in
            inner.counter += 1
            let id = "t\(inner.counter)"
            inner.unacknowledged.append((id, text))
            inner.outbox?.yield(RoomProtocol.encode(.answer(id: id, text: text)))
        }
    }

    /// What was heard since the last call.
    public func take() -> [Heard] {
        inner.withLock { inner in
            defer { inner.heard = [] }
            return inner.heard
        }
    }

    /// Whether the room has let this client in.
    public var joined: Bool { inner.withLock { $0.token != nil } }

    private func session(hello: String) async throws {
        let (outgoing, feed) = AsyncStream<String>.makeStream()
        let resend = inner.withLock { inner in
            inner.outbox = feed
            return inner.unacknowledged
        }
        feed.yield(hello)
        for pending in resend { feed.yield(RoomProtocol.encode(.answer(id: pending.id, text: pending.text))) }
        var logger = Logger(label: "groundwork-join")
        logger.logLevel = .critical
        try await WebSocketClient.connect(url: "ws://\(address)/live", logger: logger) { inbound, outbound, _ in
            let writer = Task {
                for await text in outgoing { try await outbound.write(.text(text)) }
            }
            defer { writer.cancel() }
            for try await message in inbound.messages(maxSize: 1 << 20) {
                guard case .text(let text) = message, let heard = RoomProtocol.decodeOutgoing(text) else { continue }
                self.receive(heard)
            }
        }
        inner.withLock { $0.outbox = nil }
    }

    private func receive(_ message: RoomProtocol.Outgoing) {
        switch message.type {
        case "joined":
            inner.withLock { $0.token = message.token }
            hear(.joined(name: message.name ?? ""))
        case "view":
            if let view = message.view { hear(.view(view)) }
        case "reply":
            inner.withLock { inner in inner.unacknowledged.removeAll { $0.id == message.id } }
            hear(.reply(status: message.status ?? "", text: message.text))
        case "private":
            hear(.privately(message.text ?? ""))
        default:
            hear(.problem(message.text ?? "the room sent something this version does not understand"))
        }
    }

    private func hear(_ heard: Heard) {
        inner.withLock { $0.heard.append(heard) }
        onHeard.withLock { $0 }?()
    }

    private static func plain(_ error: any Error) -> String {
        let text = "\(error)"
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}
