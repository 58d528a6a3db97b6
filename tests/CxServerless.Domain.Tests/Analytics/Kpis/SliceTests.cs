using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Events;
using static CxServerless.Domain.Tests.Analytics.TestEvents;

namespace CxServerless.Domain.Tests.Analytics.Kpis;

public sealed class SliceTests
{
    [Fact]
    public void An_event_belongs_to_all_and_each_known_dimension()
    {
        var slices = new Slice[Slice.MaxPerEvent];
        var count = Slice.ForEvent(Event(CxEventType.ContactStarted, T0, channel: CxChannel.Chat), slices);
        Assert.Equal(["all", "channel=Chat", "queue=billing", "team=blue", "region=eu"], slices[..count].Select(s => s.ToString()));
    }

    [Fact]
    public void Unknown_dimensions_are_left_out()
    {
        var slices = new Slice[Slice.MaxPerEvent];
        Assert.Equal(2, Slice.ForEvent(Event(CxEventType.ContactStarted, T0, queue: null, team: null, region: null), slices));
    }

    [Theory]
    [InlineData("all", true)]
    [InlineData("queue=billing", true)]
    [InlineData("queue=", false)]
    [InlineData("=x", false)]
    [InlineData("colour=red", false)]
    [InlineData("all=x", false)]
    public void TryParse_accepts_only_the_text_form(string text, bool valid)
    {
        Assert.Equal(valid, Slice.TryParse(text, out var slice));
        if (valid)
        {
            Assert.Equal(text, slice.ToString());
        }
    }
}
