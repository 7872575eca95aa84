import GroundworkCore

/// What the shared screen shows first: where to join and with which code.
public enum RoomInvitation {
    public static func events(address: RoomAddress, code: String) -> [GroupEvent] {
        let link = "\(address.url)?code=\(code)"
        var events: [GroupEvent] = [
            .heading("The room is open"),
            .say("On a phone or laptop, open \(link) and type your name. The code is \(code)."),
            .say("From another terminal: groundwork group join \(address) (the code is asked for)."),
        ]
        if !address.isLoopback, let code = RoomQRCode.lines(for: link) {
            // A phone's camera opens the page with the code filled in.
            events.append(.list(code))
        }
        if address.isLoopback {
            events.append(.notice("Only this computer can reach \(address); for phones, start again with --address and this computer's network address."))
        }
        events.append(.notice("Plain HTTP: anyone on this network who can watch its traffic could read it. Use a network you trust."))
        return events
    }
}
