/// The analyst's filters for a rerun: leads by lead date and event, contracts by contract date.
///
/// Leads are kept when their date is within `from…to` and their event is `event`; contracts when
/// their date is within `from…to` and, with an event filter, when the lead they attribute to over
/// all accepted leads has that event. Attribution is then computed over what is kept.
public struct Scope: Sendable, Equatable, CustomStringConvertible {
    public var from: Day?
    public var to: Day?
    public var event: String?

    public init(from: Day? = nil, to: Day? = nil, event: String? = nil) {
        self.from = from
        self.to = to
        self.event = event
    }

    public var isEmpty: Bool { from == nil && to == nil && event == nil }

    /// `from=…,to=…,event=…` for the manifest; empty when nothing is filtered.
    public var description: String {
        var parts: [String] = []
        if let from { parts.append("from=\(from)") }
        if let to { parts.append("to=\(to)") }
        if let event { parts.append("event=\(event)") }
        return parts.joined(separator: ",")
    }

    func inRange(_ day: Day) -> Bool {
        (from.map { day >= $0 } ?? true) && (to.map { day <= $0 } ?? true)
    }

    /// The leads and contracts in scope, in input order.
    public func apply(leads: [Lead], contracts: [Contract], texts: TextPool, windowDays: Int) -> ([Lead], [Contract]) {
        guard !isEmpty else { return (leads, contracts) }
        // An event no lead has matches nothing.
        let event: TextID? = self.event.map { texts.find($0) ?? -1 }
        var keptContracts = contracts.filter { inRange($0.date) }
        if let event {
            let links = Attribution(leads: leads, contracts: keptContracts, windowDays: windowDays).links
            keptContracts = zip(keptContracts, links).filter { _, link in link.lead.map { leads[$0].event == event } ?? false }.map(\.0)
        }
        let keptLeads = leads.filter { lead in inRange(lead.date) && (event.map { lead.event == $0 } ?? true) }
        return (keptLeads, keptContracts)
    }
}
