using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CxServerless.Domain.Escalation;
using CxServerless.Workflows.Escalation;

namespace CxServerless.Functions.Escalation;

/// <summary>
/// The routing file in force: the file shipped with the app, until OpsAdmin replaces it through <c>PUT /api/roster</c>.
/// A replacement is validated, then kept in blob storage (<c>roster/current.json</c>, and every version under
/// <c>roster/versions/</c>), so every handler instance picks it up within <see cref="RefreshAfter"/>.
/// </summary>
public sealed class RosterSource : IRosterSource, IDisposable
{
    /// <summary>How long an instance uses its copy before it looks for a replacement.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);

    private const string CurrentBlob = "roster/current.json";
    private readonly BlobContainerClient _container;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (Roster Roster, string Json, ETag? ETag, DateTimeOffset ReadAt)? _cached;

    /// <summary>Initializes the source with the shipped file, already validated.</summary>
    /// <param name="shipped">The shipped roster.</param>
    /// <param name="shippedJson">The shipped file's text.</param>
    /// <param name="container">The container replacements are kept in.</param>
    /// <param name="time">The clock.</param>
    public RosterSource(Roster shipped, string shippedJson, BlobContainerClient container, TimeProvider time)
    {
        Shipped = shipped;
        ShippedJson = shippedJson;
        _container = container;
        _time = time;
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>Gets the roster shipped with the app.</summary>
    public Roster Shipped { get; }

    /// <summary>Gets the shipped file's text.</summary>
    public string ShippedJson { get; }

    /// <summary>
    /// Loads and validates the routing file at <paramref name="path"/>, or the copy built into the handler when the app
    /// has none and <paramref name="explicitlyNamed"/> is false. An invalid file stops the handler naming every error.
    /// </summary>
    /// <param name="path">The file's full path.</param>
    /// <param name="explicitlyNamed">Whether a setting named the file (then it must exist).</param>
    /// <returns>The roster and its text.</returns>
    public static (Roster Roster, string Json) LoadFile(string path, bool explicitlyNamed)
    {
        if (!File.Exists(path))
        {
            return explicitlyNamed
                ? throw new FileNotFoundException($"Setting 'CxRosterFile' names a routing file that does not exist: {path}.", path)
                : (RosterParser.ParseOrThrow(DefaultRoster.Json), DefaultRoster.Json);
        }

        var json = File.ReadAllText(path);
        try
        {
            return (RosterParser.ParseOrThrow(json), json);
        }
        catch (RosterValidationException ex)
        {
            throw new RosterValidationException($"{path}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async Task<Roster> GetAsync(CancellationToken cancellationToken) => (await CurrentAsync(cancellationToken)).Roster;

    /// <summary>Returns the roster in force and its text.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The roster and its JSON.</returns>
    public async Task<(Roster Roster, string Json)> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } fresh && _time.GetUtcNow() - fresh.ReadAt < RefreshAfter)
        {
            return (fresh.Roster, fresh.Json);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && _time.GetUtcNow() - again.ReadAt < RefreshAfter)
            {
                return (again.Roster, again.Json);
            }

            _cached = await ReadAsync(cancellationToken);
            return (_cached.Value.Roster, _cached.Value.Json);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Validates and stores a replacement; every instance uses it within <see cref="RefreshAfter"/>.</summary>
    /// <param name="json">The new routing file.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The parse result; nothing is stored when it has errors.</returns>
    public async Task<RosterParseResult> ReplaceAsync(string json, CancellationToken cancellationToken)
    {
        var result = RosterParser.Parse(json);
        if (result.Roster is not { } roster)
        {
            return result;
        }

        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var content = BinaryData.FromString(json);
        await _container.GetBlobClient($"roster/versions/{roster.Version}.json").UploadAsync(content, overwrite: true, cancellationToken);
        await _container.GetBlobClient(CurrentBlob).UploadAsync(content, overwrite: true, cancellationToken);
        _cached = (roster, json, null, _time.GetUtcNow());
        return result;
    }

    private async Task<(Roster, string, ETag?, DateTimeOffset)> ReadAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var blob = _container.GetBlobClient(CurrentBlob);
        try
        {
            var conditions = _cached?.ETag is { } etag ? new BlobRequestConditions { IfNoneMatch = etag } : null;
            var download = await blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = conditions }, cancellationToken);
            var json = Encoding.UTF8.GetString(download.Value.Content.ToMemory().Span);
            return (RosterParser.ParseOrThrow(json), json, download.Value.Details.ETag, now);
        }
        catch (RequestFailedException ex) when (ex.Status == 304 && _cached is { } unchanged)
        {
            return (unchanged.Roster, unchanged.Json, unchanged.ETag, now);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (Shipped, ShippedJson, null, now);
        }
    }
}
