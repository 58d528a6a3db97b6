using System.Net;
using System.Net.Sockets;
using CxServerless.Testing;

namespace CxServerless.EndToEnd.Tests.CxHost;

[Collection(AzuriteTests.Name)]
public sealed class AzuriteLaunchTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Cx_host_starts_azurite_when_none_answers_and_stops_it_on_exit()
    {
        int[] ports = [AzuriteFixture.FreePort(), AzuriteFixture.FreePort(), AzuriteFixture.FreePort()];
        var storage = AzuriteFixture.ConnectionStringFor(ports[0], ports[1], ports[2]);
        Assert.All(ports, p => Assert.False(Answers(p)));

        var app = new FixtureFunctionApp(azurite, storage: storage);
        try
        {
            app.Function("Ping", FunctionJson.Http("ping", "get"));
            await app.StartAsync();

            Assert.All(ports, p => Assert.True(Answers(p)));
            using var ping = await app.Http.GetAsync("api/ping");
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
            Assert.Single(await app.EnvelopesAsync("Ping")); // recorded by the handler in the Azurite cx-host started
            await new Azure.Data.Tables.TableServiceClient(storage).DeleteTableAsync(app.RecordTable); // its data persists in .azurite/
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.All(ports, p => Assert.False(Answers(p)));
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
