namespace CxSim.Generation;

/// <summary>Free text for messages, notes and survey verbatims (no personal data; that is planted separately).</summary>
internal static class TextCatalog
{
    private static readonly Dictionary<string, string[]> Openers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["billing"] =
        [
            "Hi, I was charged twice for my subscription this month.",
            "My last invoice is higher than usual, can you explain why?",
            "I'd like to change my payment date.",
            "Why was there a late fee on my bill? I paid on time.",
        ],
        ["tech-support"] =
        [
            "My internet keeps dropping every few minutes since yesterday.",
            "The app crashes whenever I try to log in.",
            "I can't connect my new router, the light stays orange.",
            "Calls keep cutting out on my phone line.",
        ],
        ["sales"] =
        [
            "I'm interested in upgrading to the premium plan.",
            "Do you offer a discount for adding a second line?",
            "What's the difference between the standard and the family package?",
        ],
        ["retention"] =
        [
            "I want to cancel my contract.",
            "A competitor offered me a better price, can you match it?",
            "I'm moving abroad and need to end my service.",
        ],
    };

    private static readonly string[] GenericOpeners =
    [
        "Hello, I need some help with my account.",
        "I have a question about my order.",
        "Can someone help me please?",
    ];

    private static readonly string[] AgentReplies =
    [
        "Thanks for reaching out, I'm looking into this for you now.",
        "I'm sorry about the trouble. Let me check your account.",
        "I can see what happened, I'll fix it right away.",
        "Could you confirm when this started?",
        "I've applied the change, it should show within the hour.",
        "Is there anything else I can help you with today?",
    ];

    private static readonly string[] CustomerFollowUps =
    [
        "It started on Monday.",
        "OK, thanks.",
        "That still doesn't work for me.",
        "Great, that fixed it!",
        "How long will that take?",
        "I already tried that twice.",
    ];

    private static readonly string[] WrapUpNotes =
    [
        "Explained charges, customer accepted.",
        "Reset line remotely, fault cleared.",
        "Offered loyalty discount.",
        "Raised with second line, callback promised.",
    ];

    private static readonly string[] Positive =
    [
        "Quick and friendly, problem solved first time.",
        "The agent was really helpful, thank you!",
        "Great service, very easy.",
    ];

    private static readonly string[] Neutral =
    [
        "It was fine, took a while though.",
        "Okay service, the issue is mostly sorted.",
    ];

    private static readonly string[] Negative =
    [
        "Waited far too long and the problem is still not fixed.",
        "Terrible experience, I had to explain everything three times.",
        "Nobody called me back as promised. Very disappointed.",
        "Rude agent and no solution. I'm thinking of leaving.",
    ];

    public static string CustomerOpener(string queue, SimRandom r) =>
        r.Pick(Openers.TryGetValue(queue, out var texts) ? texts : GenericOpeners);

    public static string AgentReply(SimRandom r) => r.Pick(AgentReplies);

    public static string CustomerFollowUp(SimRandom r) => r.Pick(CustomerFollowUps);

    public static string WrapUpNote(SimRandom r) => r.Pick(WrapUpNotes);

    public static string CaseSummary(string queue, SimRandom r) => "Follow-up needed: " + CustomerOpener(queue, r);

    public static string Verbatim(int csat, SimRandom r) => r.Pick(csat >= 4 ? Positive : csat == 3 ? Neutral : Negative);
}
