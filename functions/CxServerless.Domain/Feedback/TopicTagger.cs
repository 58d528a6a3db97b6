using System.Globalization;
using System.Text;

namespace CxServerless.Domain.Feedback;

/// <summary>Tags text with the first topic of the taxonomy one of whose keywords it contains as whole words.</summary>
public static class TopicTagger
{
    private static readonly FeedbackTopic OtherTopic = new(FeedbackTopic.Other, [], null);

    /// <summary>Tags <paramref name="text"/>.</summary>
    /// <param name="topics">The taxonomy, in order.</param>
    /// <param name="text">The (masked) text, or null.</param>
    /// <returns>The first matching topic, else <c>other</c>.</returns>
    public static FeedbackTopic Tag(IReadOnlyList<FeedbackTopic> topics, string? text)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (string.IsNullOrWhiteSpace(text))
        {
            return OtherTopic;
        }

        var words = " " + Normalise(text) + " ";
        foreach (var topic in topics)
        {
            if (topic.Keywords.Any(k => words.Contains(" " + Normalise(k) + " ", StringComparison.Ordinal)))
            {
                return topic;
            }
        }

        return OtherTopic;
    }

    /// <summary>Lower-case words separated by single spaces: punctuation and runs of white space become one space.</summary>
    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '\'')
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }
}
