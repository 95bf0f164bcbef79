using System.Text;

namespace GovReport.Terminal.Tests;

public class KeyDecoderTests
{
    public static TheoryData<string, string> Sequences => new()
    {
        { "\r", "Enter" },
        { "\n", "Enter" },
        { "\t", "Tab" },
        { "\e[Z", "Shift+Tab" },
        { "\x7f", "Backspace" },
        { "\b", "Backspace" },
        { "\e[A", "Up" },
        { "\e[B", "Down" },
        { "\e[C", "Right" },
        { "\e[D", "Left" },
        { "\eOA", "Up" },
        { "\e[H", "Home" },
        { "\e[F", "End" },
        { "\e[1~", "Home" },
        { "\e[4~", "End" },
        { "\e[2~", "Insert" },
        { "\e[3~", "Delete" },
        { "\e[5~", "PageUp" },
        { "\e[6~", "PageDown" },
        { "\eOP", "F1" },
        { "\eOS", "F4" },
        { "\e[11~", "F1" },
        { "\e[15~", "F5" },
        { "\e[17~", "F6" },
        { "\e[21~", "F10" },
        { "\e[23~", "F11" },
        { "\e[24~", "F12" },
        { "\e[[A", "F1" },
        { "\e[1;5A", "Ctrl+Up" },
        { "\e[1;2B", "Shift+Down" },
        { "\e[1;3C", "Alt+Right" },
        { "\e[1;6D", "Ctrl+Shift+Left" },
        { "\e[3;5~", "Ctrl+Delete" },
        { "\e[1;5P", "Ctrl+F1" },
        { "\x03", "Ctrl+c" },
        { "\x01", "Ctrl+a" },
        { "\x1a", "Ctrl+z" },
        { "\ex", "Alt+x" },
        { "\e中", "Alt+中" },
        { "\e\x7f", "Alt+Backspace" },
        { "\e\e[A", "Alt+Up" },
        { "a", "a" },
        { "中", "中" },
        { "😀", "😀" },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Decode_KnownSequence_GivesKey(string input, string expected)
    {
        var decoder = new KeyDecoder();

        var keys = decoder.Decode(Encoding.UTF8.GetBytes(input));

        Assert.Equal(expected, Assert.Single(keys).ToString());
        Assert.False(decoder.HasPending);
    }

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Decode_SequenceSplitAtEveryByte_GivesSameKey(string input, string expected)
    {
        var decoder = new KeyDecoder();
        var keys = new List<KeyEvent>();

        foreach (var b in Encoding.UTF8.GetBytes(input))
        {
            decoder.Decode([b], keys);
        }

        Assert.Equal(expected, Assert.Single(keys).ToString());
    }

    [Fact]
    public void Decode_LoneEscape_WaitsUntilFlush()
    {
        var decoder = new KeyDecoder();

        Assert.Empty(decoder.Decode("\e"u8));
        Assert.True(decoder.HasPending);

        var flushed = decoder.Flush();
        Assert.Equal(Key.Escape, Assert.Single(flushed).Key);
        Assert.False(decoder.HasPending);
    }

    [Fact]
    public void Decode_EscapeThenArrowInOneRead_GivesUpOnly()
    {
        var decoder = new KeyDecoder();

        var keys = decoder.Decode("\e[A\e[B"u8);

        Assert.Equal([Key.Up, Key.Down], keys.Select(k => k.Key));
    }

    [Fact]
    public void Flush_PartialCsi_GivesAltBracketAndRest()
    {
        var decoder = new KeyDecoder();
        decoder.Decode("\e[1;"u8);

        var keys = decoder.Flush();

        Assert.Equal(["Alt+[", "1", ";"], keys.Select(k => k.ToString()));
    }

    [Fact]
    public void Decode_InvalidUtf8_GivesReplacementCharacter()
    {
        var decoder = new KeyDecoder();

        var keys = decoder.Decode([0x61, 0xFF, 0xC3, 0x28, 0x62]);

        Assert.Equal(["a", "\uFFFD", "\uFFFD", "(", "b"], keys.Select(k => k.ToString()));
    }

    [Fact]
    public void Flush_TruncatedUtf8_GivesReplacementCharacter()
    {
        var decoder = new KeyDecoder();
        var bytes = Encoding.UTF8.GetBytes("中");

        Assert.Empty(decoder.Decode(bytes.AsSpan(0, 2)));
        var keys = decoder.Flush();

        Assert.Equal(Rune.ReplacementChar, Assert.Single(keys).Rune);
    }

    [Fact]
    public void Decode_ChineseTextWithAstralRunes_GivesOneKeyPerRune()
    {
        var decoder = new KeyDecoder();

        var keys = decoder.Decode(Encoding.UTF8.GetBytes("公开𠀀😀"));

        Assert.Equal(["公", "开", "𠀀", "😀"], keys.Select(k => k.ToString()));
        Assert.All(keys, k => Assert.True(k.IsPrintable));
    }

    [Fact]
    public void Decode_PastedChineseParagraphSplitAcrossReads_GivesOnePasteEvent()
    {
        const string paragraph = "本年度，我办共收到政府信息公开申请125件，\r\n其中自然人申请98件；法人或其他组织申请27件。\r\n办结率100％，未发生行政复议纠错。\e[A不是按键";
        var bytes = Encoding.UTF8.GetBytes("x\e[200~" + paragraph + "\e[201~y");
        var decoder = new KeyDecoder();
        var keys = new List<KeyEvent>();

        // Split into uneven reads that cut UTF-8 characters and both markers.
        var random = new Random(7);
        var offset = 0;
        while (offset < bytes.Length)
        {
            var n = Math.Min(bytes.Length - offset, random.Next(1, 9));
            decoder.Decode(bytes.AsSpan(offset, n), keys);
            if (decoder.InPaste)
            {
                decoder.Flush(keys); // a quiet period inside a slow paste must not end it
            }

            offset += n;
        }

        Assert.Equal(3, keys.Count);
        Assert.Equal("x", keys[0].ToString());
        Assert.Equal(Key.Paste, keys[1].Key);
        Assert.Equal(paragraph.Replace("\r\n", "\n", StringComparison.Ordinal), keys[1].Text);
        Assert.Equal("y", keys[2].ToString());
    }

    [Fact]
    public void Decode_PasteEndMarkerSplitAtEveryPosition_GivesWholePaste()
    {
        var bytes = Encoding.UTF8.GetBytes("\e[200~表一\e[2合计\e[201~");
        for (var split = 1; split < bytes.Length; split++)
        {
            var decoder = new KeyDecoder();
            var keys = new List<KeyEvent>();
            decoder.Decode(bytes.AsSpan(0, split), keys);
            decoder.Decode(bytes.AsSpan(split), keys);

            Assert.Equal("表一\e[2合计", Assert.Single(keys).Text);
        }
    }

    [Fact]
    public void Decode_UnknownCsi_IsDropped()
    {
        var decoder = new KeyDecoder();

        var keys = decoder.Decode("\e[99~\e[?1;2c a"u8);

        Assert.Equal([" ", "a"], keys.Select(k => k.ToString()));
    }

    [Fact]
    public void KeyEvent_IsCtrl_MatchesCtrlLetter()
    {
        var key = Assert.Single(new KeyDecoder().Decode([0x03]));

        Assert.True(key.IsCtrl('c'));
        Assert.True(key.IsCtrl('C'));
        Assert.False(key.IsPrintable);
    }
}
