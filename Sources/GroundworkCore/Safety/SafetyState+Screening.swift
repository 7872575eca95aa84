/// What the safety net decided about a line, given where the conversation stands.
public enum SafetyVerdict: Sendable, Hashable {
    /// Nothing to do: go on with the line.
    case pass
    /// Possible risk: ask the gentle check; the line is held until it is answered.
    case check(SafetyNet.Assessment)
    /// Clear risk, or a gentle check not answered with a clear "no": show the crisis message.
    case crisis(SafetyNet.Assessment)
    /// The gentle check was answered "no": carry on with the line that was held.
    case cleared(heldLine: String)
}

extension SafetyState {
    /// Screens a free-text line, or the answer to a waiting gentle check, and records what it
    /// finds. One implementation for every mode (flows, journal, group turns): callers only render.
    public mutating func screen(_ line: String, net: SafetyNet, place: String?, inputIndex: Int) -> SafetyVerdict {
        if awaitingCheck {
            awaitingCheck = false
            let held = heldLine ?? ""
            heldLine = nil
            let last = events.count - 1
            if net.isClearNo(line) {
                if last >= 0 { events[last].answer = "no" }
                return .cleared(heldLine: held)
            }
            // Anything but a clear "no" is treated as a yes: the full message, as a screener would.
            let found = net.assess(line)
            if last >= 0 { events[last].answer = found.tier == .none ? "not a clear no" : "risk in the answer" }
            return .crisis(found.tier == .none ? (last >= 0 ? events[last].assessment : found) : found)
        }
        let found = net.assess(line)
        switch found.tier {
        case .none:
            return .pass
        case .check:
            events.append(SafetyEvent(found, nodeID: place, inputIndex: inputIndex))
            awaitingCheck = true
            heldLine = line
            return .check(found)
        case .crisis:
            events.append(SafetyEvent(found, nodeID: place, inputIndex: inputIndex))
            return .crisis(found)
        }
    }
}

extension SafetyEvent {
    /// An event for what the net found at `place` (a node or step id).
    public init(_ found: SafetyNet.Assessment, nodeID: String?, inputIndex: Int) {
        self.init(category: found.category, nodeID: nodeID, inputIndex: inputIndex)
        tier = found.tier
        rule = found.rule
        screen = found.screen
        concepts = found.concepts
    }

    /// The assessment this event recorded, for explaining it again.
    var assessment: SafetyNet.Assessment {
        SafetyNet.Assessment(tier: tier ?? .crisis, category: category, rule: rule ?? "", screen: screen ?? "",
                             concepts: concepts ?? [], guards: [])
    }
}

extension PromptLibrary {
    /// The crisis message (tier `crisis`) or the gentle check (tier `check`) for `country`, from
    /// `prompts/safety/message` and `prompts/safety/check`, or built-in text when those are missing.
    /// Without `choices` (the journal, which goes on after it), the crisis message is
    /// `prompts/safety/resources`: the same words and lines without "continue, pause or leave".
    public func safetyText(_ tier: SafetyNet.Tier, country: String?, choices: Bool = true, extra: [String: Value] = [:]) -> String {
        var context = Engine.safetyCountryFlags(country)
        context.merge(extra) { flag, _ in flag }
        switch tier {
        case .check:
            return render("safety/check", context) ?? SafetyNet.builtInCheck
        case .crisis, .none:
            if !choices, let resources = render("safety/resources", context) { return resources }
            return render("safety/message", context) ?? SafetyNet.builtInMessage
        }
    }
}

extension SafetyNet {
    /// The crisis message when `prompts/safety/message` is missing.
    public static let builtInMessage = """
        It sounds like you may be carrying something very heavy right now. You don't have to face it alone.
        If you are in danger or might act on these thoughts, please call your local emergency number now, \
        or reach a crisis line: in the US call or text 988; in the UK and Ireland call Samaritans on 116 123; \
        elsewhere, findahelpline.com lists free, confidential lines.
        Would you like to continue, pause here (your answers are kept), or leave?
        """

    /// The gentle check when `prompts/safety/check` is missing.
    public static let builtInCheck = """
        Can I ask you something directly, because it matters: are you thinking about harming yourself or ending your life? \
        Please answer yes or no.
        If you are, call your local emergency number, or find a free, confidential line at findahelpline.com.
        """
}

extension SafetyNet.Assessment {
    /// Why the net spoke, in words a person can read (`/why`), for what it showed at this tier.
    public var reason: String {
        let concepts = self.concepts.joined(separator: " + ")
        switch tier {
        case .crisis:
            return "What you wrote can mean you are in danger (\(concepts)), so I showed the crisis lines and asked how you want to go on."
        case .check:
            return "What you wrote might mean you are at risk (\(concepts)), so I asked you directly whether you are thinking "
                + "of harming yourself, as a screener would."
        case .none:
            return ""
        }
    }

    /// The reason after a clear "no" to the gentle check.
    public static let clearedReason = "You answered no to my question about harming yourself, so we carried on."
}
