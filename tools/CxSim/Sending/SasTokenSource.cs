namespace CxSim.Sending;

/// <summary>Hands out a SAS token for a target, renewing it well before it expires.</summary>
public sealed class SasTokenSource(EventHubTarget target, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private readonly Lock _gate = new();
    private (string Token, DateTimeOffset ExpiresAt)? _current;

    /// <summary>A token valid for at least five more minutes.</summary>
    public string Current()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_current is not { } c || c.ExpiresAt - now < RenewBefore)
            {
                var expires = now + Lifetime;
                _current = c = (SharedAccessSignature.Create(target.Resource.AbsoluteUri, target.KeyName, target.Key, expires), expires);
            }

            return c.Token;
        }
    }
}
