import Foundation
import GroundworkCore
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import Synchronization

/// Serves a `Room` to participants' browsers and terminals: a join page, their own page, a live
/// WebSocket, and their words to take home. Binds only to the address it is given.
public struct RoomServer: Sendable {
    public let room: Room
    public let pages: RoomPages
    public let limits: RoomLimits
    private let joins: JoinThrottle

    public init(room: Room, pages: RoomPages, limits: RoomLimits = RoomLimits()) {
        self.room = room
        self.pages = pages
        self.limits = limits
        self.joins = JoinThrottle(limit: limits.failedJoinsPerMinute)
    }

    /// The cookie that carries a participant's token in the browser.
    public static let cookie = "groundwork-room"

    /// Runs until cancelled; `ready` is called with the port once the server listens (the port
    /// the system chose when 0 was asked for).
    public func run(host: String, port: Int, ready: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        var logger = Logger(label: "groundwork-room")
        // The shared screen is the terminal: the server says nothing there.
        logger.logLevel = .critical
        let routes = router()
        let app = Application(
            router: routes,
            server: .http1WebSocketUpgrade(webSocketRouter: routes,
                                           configuration: .init(ws: .init(maxFrameSize: limits.maximumMessageBytes))),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in ready(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.run()
    }

    // MARK: Routes

    func router() -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.add(middleware: SecurityHeaders())
        router.get("/") { request, _ in
            let code = request.uri.queryParameters["code"].map(String.init) ?? ""
            return html(pages.join(code: code, error: nil))
        }
        router.post("/join") { request, context in
            guard joins.allowed() else { return html(pages.join(code: "", error: "Too many tries; please wait a minute."), status: .tooManyRequests) }
            let form: JoinForm
            do {
                let body = try await request.body.collect(upTo: limits.maximumFormBytes)
                form = try URLEncodedFormDecoder().decode(JoinForm.self, from: String(buffer: body))
            } catch {
                return html(pages.join(code: "", error: "Please give the room's code and your name."), status: .badRequest)
            }
            switch await join(code: form.code, name: form.name) {
            case .success(let token):
                var response = Response.redirect(to: "/room", type: .normal)
                response.setCookie(Cookie(name: RoomServer.cookie, value: token, path: "/", httpOnly: true, sameSite: .strict))
                return response
            case .failure(let error):
                return html(pages.join(code: form.code, error: error.description), status: .forbidden)
            }
        }
        router.get("/room") { request, _ in
            guard let token = token(request), let view = room.view(token: token) else { return Response.redirect(to: "/", type: .normal) }
            return html(pages.room(view))
        }
        router.post("/answer") { request, _ in
            // The page without JavaScript: the form posts here and comes back to the page.
            guard let token = token(request) else { return Response(status: .forbidden) }
            let body = try await request.body.collect(upTo: limits.maximumFormBytes)
            let fields = try URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body))
            switch await answer(token: token, RoomAnswer.line(from: fields)) {
            case .accepted:
                return Response.redirect(to: "/room", type: .normal)
            case .refused(let why):
                guard let view = room.view(token: token) else { return Response.redirect(to: "/", type: .normal) }
                return html(pages.room(view, note: why))
            case .safety(let lines):
                // The crisis lines, on this person's page only.
                guard let view = room.view(token: token) else { return Response.redirect(to: "/", type: .normal) }
                return html(pages.room(view, note: lines, urgent: true))
            }
        }
        router.get("/words.md") { request, _ in
            guard let token = token(request), let words = room.words(token: token) else { return Response(status: .forbidden) }
            return Response(status: .ok,
                            headers: [.contentType: "text/markdown; charset=utf-8",
                                      .contentDisposition: "attachment; filename=\"my-words.md\""],
                            body: .init(byteBuffer: ByteBuffer(string: words)))
        }
        router.ws("/live") { request, _ in
            // A browser brings its cookie; a terminal joins with its first message instead.
            .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            try await live(inbound: inbound, outbound: outbound, cookie: token(context.request))
        }
        return router
    }

    /// Joins, counting a wrong code against the server's budget of tries.
    private func join(code: String, name: String) async -> Result<String, Room.JoinError> {
        let outcome = await RoomServer.waitingForDisk { [room] () -> Result<String, Room.JoinError> in
            do throws(Room.JoinError) {
                return .success(try room.join(code: code, name: name))
            } catch {
                return .failure(error)
            }
        }
        if case .failure(.wrongCode) = outcome { joins.failed() }
        return outcome
    }

    /// Takes an answer at once, and returns once it is saved.
    private func answer(token: String, _ text: String) async -> GroupReply {
        let taken = room.take(token: token, text)
        return await RoomServer.waitingForDisk { [room] in room.complete(taken) }
    }

    /// Room calls that wait for a durable write run on a thread of their own: Swift's
    /// cooperative threads (one per core here, shared with Dispatch) would otherwise stop every
    /// other socket while a save is under way, and answers that arrive meanwhile could not be
    /// taken, to be saved together by the next save.
    private static let disk = DiskLane()

    private static func waitingForDisk<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            disk.submit { continuation.resume(returning: work()) }
        }
    }

    private func token(_ request: Request) -> String? {
        if let value = request.cookies[RoomServer.cookie]?.value, !value.isEmpty { return value }
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") { return String(header.dropFirst(7)) }
        return nil
    }

    private func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    // MARK: The live connection

    /// One device's socket: messages in (join, hello, answer), views and replies out. A device that
    /// floods is cut off; the room goes on.
    private func live(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, cookie: String?) async throws {
        let outbox = Outbox()
        var subscription: Int?
        var token = cookie
        defer { if let subscription { room.unsubscribe(subscription) } }
        let sender = Task {
            for await _ in outbox.ready {
                for message in outbox.take() {
                    try await outbound.write(.text(RoomProtocol.encode(message)))
                }
            }
        }
        defer { sender.cancel() }
        func listen(_ token: String) -> Bool {
            guard subscription == nil else { return true }
            subscription = room.subscribe(token: token) { outbox.put($0) }
            return subscription != nil
        }
        if let token, !listen(token) {
            try await outbound.write(.text(RoomProtocol.error("Please join the room again.")))
        }
        var bucket = RateBucket(perSecond: limits.messagesPerSecond, burst: limits.messageBurst)
        for try await message in inbound.messages(maxSize: limits.maximumMessageBytes) {
            guard bucket.take(now: ContinuousClock.now) else {
                try await outbound.close(.policyViolation, reason: "too many messages")
                return
            }
            guard case .text(let text) = message, let request = RoomProtocol.decode(text) else {
                try await outbound.write(.text(RoomProtocol.error("That message was not understood.")))
                continue
            }
            switch request {
            case .join(let code, let name):
                guard joins.allowed() else {
                    try await outbound.write(.text(RoomProtocol.error("Too many tries; please wait a minute.")))
                    continue
                }
                switch await join(code: code, name: name) {
                case .success(let fresh):
                    token = fresh
                    try await outbound.write(.text(RoomProtocol.joined(token: fresh, name: name)))
                    _ = listen(fresh)
                case .failure(let error):
                    try await outbound.write(.text(RoomProtocol.error(error.description)))
                }
            case .hello(let given):
                if room.participant(token: given) != nil {
                    token = given
                    _ = listen(given)
                } else {
                    try await outbound.write(.text(RoomProtocol.error("Please join the room again.")))
                }
            case .answer(let id, let text):
                guard let token else {
                    try await outbound.write(.text(RoomProtocol.error("Please join the room first.")))
                    continue
                }
                let reply = await answer(token: token, text)
                try await outbound.write(.text(RoomProtocol.reply(id: id, reply)))
            }
        }
    }
}

/// A thread of its own that runs jobs in the order given, for work that waits for the disk: a
/// Dispatch queue would run it on the threads Swift's concurrency shares (one per core), and a
/// job in `fsync` there holds up every socket. The room's saves are one after another anyway.
public final class DiskLane: Sendable {
    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let waiting = DispatchSemaphore(value: 0)

    public init() {
        let thread = Thread { [self] in
            while true {
                waiting.wait()
                let job = jobs.withLock { $0.isEmpty ? nil : $0.removeFirst() }
                job?()
            }
        }
        thread.name = "groundwork-room-disk"
        thread.start()
    }

    public func submit(_ job: @escaping @Sendable () -> Void) {
        jobs.withLock { $0.append(job) }
        waiting.signal()
    }

    /// Returns once every job submitted before it has run.
    public func drain() {
        let done = DispatchSemaphore(value: 0)
        submit { done.signal() }
        done.wait()
    }
}

/// What waits to go out on one socket: every private message, in order, and only the newest
/// view. A device that falls behind (fifty answers in a second) skips the views it would only
/// have replaced, and is never sent a stale one last; a crisis note is never dropped.
final class Outbox: Sendable {
    private let pending = Mutex<(messages: [Room.Message], view: Room.Message?)>(([], nil))
    /// One element whenever something was put since the last `take`.
    let ready: AsyncStream<Void>
    private let signal: AsyncStream<Void>.Continuation

    init() { (ready, signal) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1)) }

    func put(_ message: Room.Message) {
        pending.withLock { pending in
            if case .view = message { pending.view = message } else { pending.messages.append(message) }
        }
        signal.yield()
    }

    /// The private messages waiting, then the newest view.
    func take() -> [Room.Message] {
        pending.withLock { pending in
            defer { pending = ([], nil) }
            return pending.messages + (pending.view.map { [$0] } ?? [])
        }
    }
}

/// How much the server takes from one client.
public struct RoomLimits: Sendable {
    /// Largest WebSocket message and form field: a long answer fits, a flood does not.
    public var maximumMessageBytes = 16 * 1024
    public var maximumFormBytes = 32 * 1024
    /// Messages one socket may send, sustained and in a burst, before it is cut off.
    public var messagesPerSecond = 5.0
    public var messageBurst = 20.0
    /// Joins with a wrong code, from anyone, before joining waits a minute.
    public var failedJoinsPerMinute = 30

    public init() {}
}

struct JoinForm: Decodable {
    var code: String
    var name: String
}

/// A token bucket: `burst` messages at once, refilled at `perSecond`.
struct RateBucket {
    let perSecond: Double
    let burst: Double
    var level: Double
    var last: ContinuousClock.Instant?

    init(perSecond: Double, burst: Double) {
        self.perSecond = perSecond
        self.burst = burst
        self.level = burst
    }

    mutating func take(now: ContinuousClock.Instant) -> Bool {
        if let last {
            let elapsed = Double((now - last).components.attoseconds) / 1e18 + Double((now - last).components.seconds)
            level = min(burst, level + elapsed * perSecond)
        }
        last = now
        guard level >= 1 else { return false }
        level -= 1
        return true
    }
}

/// Counts joins with a wrong code over the last minute, for the whole server.
final class JoinThrottle: Sendable {
    private let limit: Int
    private let failures = Mutex<[ContinuousClock.Instant]>([])

    init(limit: Int) { self.limit = limit }

    func allowed() -> Bool {
        let now = ContinuousClock.now
        return failures.withLock { list in
            list.removeAll { now - $0 > .seconds(60) }
            return list.count < limit
        }
    }

    func failed() { failures.withLock { $0.append(ContinuousClock.now) } }
}

/// Headers on every page: nothing framed, sniffed or loaded from elsewhere, no referrer sent.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = BasicWebSocketRequestContext

    static let fields = [
        ("Content-Security-Policy",
         "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for (name, value) in SecurityHeaders.fields {
            if let name = HTTPField.Name(name) { response.headers[name] = value }
        }
        return response
    }
}

extension RoomServer {
    /// A server running in the background until `stop`.
    public final class Listening: Sendable {
        public let port: Int
        private let task: Task<Void, Never>

        init(port: Int, task: Task<Void, Never>) {
            self.port = port
            self.task = task
        }

        public func stop() { task.cancel() }
    }

    /// Why the server did not start.
    public enum StartError: Error, CustomStringConvertible {
        case cannotListen(String, String)

        public var description: String {
            switch self {
            case .cannotListen(let address, let why):
                return "cannot listen on \(address): \(why); is another room open there? try another port with --address"
            }
        }
    }

    /// Starts listening on `host:port` from synchronous code (the terminal's thread) and returns
    /// once the server listens, or throws why it could not.
    public func start(host: String, port: Int) throws(StartError) -> Listening {
        let outcome = Mutex<Result<Int, StartError>?>(nil)
        let ready = DispatchSemaphore(value: 0)
        let task = Task {
            do {
                try await run(host: host, port: port) { bound in
                    outcome.withLock { $0 = .success(bound) }
                    ready.signal()
                }
            } catch {
                let described = "\(error)"
                outcome.withLock { if $0 == nil { $0 = .failure(.cannotListen("\(host):\(port)", described)) } }
                ready.signal()
            }
        }
        if ready.wait(timeout: .now() + 10) == .timedOut {
            task.cancel()
            throw .cannotListen("\(host):\(port)", "it did not start within 10 seconds")
        }
        switch outcome.withLock({ $0 }) {
        case .success(let bound)?: return Listening(port: bound, task: task)
        case .failure(let error)?:
            task.cancel()
            throw error
        case nil:
            task.cancel()
            throw .cannotListen("\(host):\(port)", "it stopped")
        }
    }
}
