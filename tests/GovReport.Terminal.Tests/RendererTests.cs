using System.Text;
using Xunit.Abstractions;

namespace GovReport.Terminal.Tests;

public class RendererTests(ITestOutputHelper output)
{
    private static readonly string[] Pieces = ["中", "文", "a", "b", " ", "😀", "e\u0301", "。", "１", "—", "Z", "表三", "x\u200D", "…", "ab"];

    [Theory]
    [InlineData(ColorMode.Color16, 1)]
    [InlineData(ColorMode.Color16, 2)]
    [InlineData(ColorMode.Monochrome, 3)]
    public void Render_RandomFramesAndResizes_FakeTerminalReproducesBuffer(ColorMode mode, int seed)
    {
        var random = new Random(seed);
        var stream = new MemoryStream();
        var renderer = new Renderer(new TerminalOutput(stream), mode);
        var screen = new ScreenBuffer(40, 12);
        var fake = new FakeTerminal(40, 12);
        for (var frame = 0; frame < 300; frame++)
        {
            var roll = random.Next(100);
            if (roll < 5)
            {
                var (w, h) = (random.Next(8, 90), random.Next(2, 30));
                screen = new ScreenBuffer(w, h);
                fake.Resize(w, h);
            }
            else if (roll < 7)
            {
                renderer.Invalidate();
            }

            Mutate(screen, random);
            Point? cursor = random.Next(3) == 0 ? new Point(random.Next(screen.Width), random.Next(screen.Height)) : null;
            var before = stream.Length;

            var written = renderer.Render(screen, cursor);

            Assert.Equal(stream.Length - before, written);
            fake.Feed(stream.GetBuffer().AsSpan((int)before, written));
            AssertScreensEqual(screen, fake, mode, frame);
            if (cursor is { } c)
            {
                Assert.True(fake.CursorVisible);
                Assert.Equal((c.X, c.Y), (fake.CursorX, fake.CursorY));
            }
            else
            {
                Assert.False(fake.CursorVisible);
            }
        }
    }

    [Fact]
    public void Render_UnchangedFrame_WritesNothing()
    {
        var renderer = new Renderer(new TerminalOutput(new MemoryStream()));
        var screen = new ScreenBuffer(80, 24);
        SampleScreen.Draw(screen, new GridState(3, 2));
        renderer.Render(screen);

        Assert.Equal(0, renderer.Render(screen));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(0, -1)]
    [InlineData(-1, 0)]
    public void Render_SelectionMovesOneCellInGrid_WritesFewBytes(int rows, int columns)
    {
        var stream = new MemoryStream();
        var renderer = new Renderer(new TerminalOutput(stream));
        var screen = new ScreenBuffer(200, 60);
        var state = SampleScreen.Draw(screen, new GridState(10, 3));
        renderer.Render(screen);
        var before = stream.Length;

        SampleScreen.Draw(screen, state.Move(rows, columns, SampleScreen.Model()));
        var written = renderer.Render(screen);

        output.WriteLine($"move ({rows},{columns}): {written} bytes: {Encoding.UTF8.GetString(stream.GetBuffer(), (int)before, written).Replace("\e", "ESC", StringComparison.Ordinal)}");
        Assert.InRange(written, 1, 300);
    }

    [Fact]
    public void Render_StyleRunUnchanged_EmitsSgrOnce()
    {
        var stream = new MemoryStream();
        var renderer = new Renderer(new TerminalOutput(stream));
        var screen = new ScreenBuffer(20, 2);
        renderer.Render(screen);
        var red = new Style(Color.Red);
        screen.SetString(2, 1, "政府信息", red);
        var before = stream.Length;

        renderer.Render(screen);

        var text = Encoding.UTF8.GetString(stream.GetBuffer(), (int)before, (int)(stream.Length - before));
        Assert.Equal("\e[2;3H\e[31m政府信息", text);
    }

    [Fact]
    public void Render_Monochrome_DropsColoursKeepsReverse()
    {
        var stream = new MemoryStream();
        var renderer = new Renderer(new TerminalOutput(stream), ColorMode.Monochrome);
        var screen = new ScreenBuffer(10, 1);
        screen.SetString(0, 0, "总计", new Style(Color.Red, Color.Blue, TextAttributes.Reverse | TextAttributes.Dim));

        renderer.Render(screen);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("\e[7m总计", text, StringComparison.Ordinal);
        Assert.DoesNotContain("31", text, StringComparison.Ordinal);
        Assert.DoesNotContain("44", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", null, ColorMode.Monochrome)]
    [InlineData("", "xterm-256color", ColorMode.Color16)]
    [InlineData(null, "xterm", ColorMode.Color16)]
    [InlineData(null, "dumb", ColorMode.Monochrome)]
    public void Detect_Environment_ChoosesColorMode(string? noColor, string? term, ColorMode expected)
    {
        var mode = ColorModeDetector.Detect(name => name switch
        {
            "NO_COLOR" => noColor,
            "TERM" => term,
            _ => null,
        });

        Assert.Equal(expected, mode);
    }

    [Fact]
    public void Render_Resize_RedrawsWholeScreen()
    {
        var stream = new MemoryStream();
        var renderer = new Renderer(new TerminalOutput(stream));
        var screen = new ScreenBuffer(20, 5);
        screen.SetString(0, 0, "表一", Style.Default);
        renderer.Render(screen);
        var fake = new FakeTerminal(30, 6);
        var bigger = new ScreenBuffer(30, 6);
        bigger.SetString(0, 0, "表一", Style.Default);
        var before = stream.Length;

        renderer.Render(bigger);

        fake.Feed(stream.GetBuffer().AsSpan((int)before, (int)(stream.Length - before)));
        Assert.Equal(bigger.ToText(trimEnd: false), fake.Text());
    }

    private static void Mutate(ScreenBuffer screen, Random random)
    {
        var operations = random.Next(1, 6);
        for (var i = 0; i < operations; i++)
        {
            var x = random.Next(-3, screen.Width + 2);
            var y = random.Next(-1, screen.Height + 1);
            var rect = new Rect(x, y, random.Next(0, screen.Width), random.Next(0, screen.Height));
            switch (random.Next(7))
            {
                case 0:
                case 1:
                    screen.SetString(x, y, RandomText(random), RandomStyle(random), random.Next(2) == 0 ? int.MaxValue : random.Next(0, 20));
                    break;
                case 2:
                    screen.Fill(rect, random.Next(2) == 0 ? '国' : '.', RandomStyle(random));
                    break;
                case 3:
                    screen.SetStyle(rect, RandomStyle(random));
                    break;
                case 4:
                    screen.DrawBox(rect, RandomStyle(random), (BoxStyle)random.Next(4), random.Next(2) == 0 ? "标题" : null);
                    break;
                case 5:
                    using (screen.PushClip(rect))
                    {
                        screen.SetString(x + random.Next(-4, 4), y + random.Next(0, 2), RandomText(random), RandomStyle(random));
                    }

                    break;
                default:
                    if (random.Next(10) == 0)
                    {
                        screen.Clear(RandomStyle(random));
                    }

                    break;
            }
        }

        ScreenBufferTests.AssertNoSplitWideCharacters(screen);
    }

    private static string RandomText(Random random)
    {
        var sb = new StringBuilder();
        var count = random.Next(0, 25);
        for (var i = 0; i < count; i++)
        {
            sb.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return sb.ToString();
    }

    private static Style RandomStyle(Random random) =>
        random.Next(3) == 0 ? Style.Default : new Style((Color)random.Next(17), (Color)random.Next(17), (TextAttributes)random.Next(16));

    private static void AssertScreensEqual(ScreenBuffer expected, FakeTerminal actual, ColorMode mode, int frame)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        for (var y = 0; y < expected.Height; y++)
        {
            for (var x = 0; x < expected.Width; x++)
            {
                var want = expected[x, y];
                var got = actual[x, y];
                var where = $"frame {frame}, cell ({x},{y})";
                Assert.True(want.IsContinuation == got.IsContinuation, $"{where}: continuation {want.IsContinuation} vs {got.IsContinuation}");
                if (want.IsContinuation)
                {
                    continue;
                }

                Assert.True(want.Text == got.Text, $"{where}: text '{want.Text}' vs '{got.Text}'");
                var style = mode == ColorMode.Monochrome
                    ? new Style(Color.Default, Color.Default, want.Style.Attributes & (TextAttributes.Bold | TextAttributes.Underline | TextAttributes.Reverse))
                    : want.Style;
                Assert.True(style == got.Style, $"{where}: style {style} vs {got.Style}");
            }
        }
    }
}
