using System.Buffers;
using System.Text;

namespace GovReport.Terminal;

/// <summary>
/// Turns terminal input bytes (UTF-8 plus VT escape sequences) into <see cref="KeyEvent"/>s.
/// Decoding depends only on the byte stream: input may be split anywhere across <see cref="Decode"/>
/// calls and incomplete sequences wait for more bytes. A lone ESC is ambiguous (Escape key, or the
/// start of a sequence), so it waits until the caller says no more bytes are coming by calling
/// <see cref="Flush"/> (the host does that after a short quiet period). Bracketed paste
/// (ESC[200~ … ESC[201~) becomes one <see cref="Key.Paste"/> event however it is split.
/// Invalid UTF-8 decodes to U+FFFD. Not thread-safe: one decoder per input stream.
/// </summary>
public sealed class KeyDecoder
{
    private static ReadOnlySpan<byte> PasteEnd => "\e[201~"u8;

    private const int MaxSequenceLength = 32;

    private readonly ArrayBufferWriter<byte> _paste = new();
    private byte[] _pending = new byte[256];
    private int _count;
    private bool _inPaste;

    private enum Status
    {
        Done,
        NeedMore,
        PasteStart,
    }

    /// <summary>True when bytes are waiting for more input (e.g. a lone ESC) outside a paste.</summary>
    public bool HasPending => _count > 0 && !_inPaste;

    /// <summary>True while inside a bracketed paste whose end marker has not arrived yet.</summary>
    public bool InPaste => _inPaste;

    /// <summary>Decodes <paramref name="bytes"/> and appends the complete key events to <paramref name="events"/>.</summary>
    public void Decode(ReadOnlySpan<byte> bytes, ICollection<KeyEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Append(bytes);
        Process(events, flushing: false);
    }

    /// <summary>Convenience overload returning the events.</summary>
    public IReadOnlyList<KeyEvent> Decode(ReadOnlySpan<byte> bytes)
    {
        var events = new List<KeyEvent>();
        Decode(bytes, events);
        return events;
    }

    /// <summary>
    /// Resolves pending bytes as if no more input follows: a lone ESC becomes Escape, ESC+x
    /// becomes Alt+x, a truncated UTF-8 sequence becomes U+FFFD. An open paste stays open.
    /// </summary>
    public void Flush(ICollection<KeyEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Process(events, flushing: true);
    }

    /// <summary>Convenience overload returning the events.</summary>
    public IReadOnlyList<KeyEvent> Flush()
    {
        var events = new List<KeyEvent>();
        Flush(events);
        return events;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_count + bytes.Length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_count + bytes.Length, _pending.Length * 2));
        }

        bytes.CopyTo(_pending.AsSpan(_count));
        _count += bytes.Length;
    }

    private void Process(ICollection<KeyEvent> events, bool flushing)
    {
        var i = 0;
        while (i < _count)
        {
            var rest = _pending.AsSpan(i, _count - i);
            if (_inPaste)
            {
                var end = rest.IndexOf(PasteEnd);
                if (end >= 0)
                {
                    _paste.Write(rest[..end]);
                    events.Add(KeyEvent.Paste(PasteText(_paste.WrittenSpan)));
                    _paste.Clear();
                    _inPaste = false;
                    i += end + PasteEnd.Length;
                    continue;
                }

                // Keep a tail that could be the start of the end marker for the next read.
                var keep = 0;
                for (var k = Math.Min(PasteEnd.Length - 1, rest.Length); k > 0; k--)
                {
                    if (rest[^k..].SequenceEqual(PasteEnd[..k]))
                    {
                        keep = k;
                        break;
                    }
                }

                _paste.Write(rest[..^keep]);
                i += rest.Length - keep;
                break;
            }

            var status = DecodeOne(rest, flushing, allowAlt: true, out var consumed, out var key);
            if (status == Status.NeedMore)
            {
                break;
            }

            if (status == Status.PasteStart)
            {
                _inPaste = true;
            }
            else if (key is { } k)
            {
                events.Add(k);
            }

            i += consumed;
        }

        _pending.AsSpan(i, _count - i).CopyTo(_pending);
        _count -= i;
    }

    private static string PasteText(ReadOnlySpan<byte> bytes) =>
        Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static Status DecodeOne(ReadOnlySpan<byte> s, bool flushing, bool allowAlt, out int consumed, out KeyEvent? key)
    {
        key = null;
        consumed = 1;
        var b = s[0];
        if (b == 0x1B)
        {
            if (s.Length == 1)
            {
                if (!flushing)
                {
                    return Status.NeedMore;
                }

                key = new KeyEvent(Key.Escape);
                return Status.Done;
            }

            if (s[1] == (byte)'[')
            {
                return DecodeCsi(s, flushing, out consumed, out key);
            }

            if (s[1] == (byte)'O')
            {
                if (s.Length < 3)
                {
                    if (!flushing)
                    {
                        return Status.NeedMore;
                    }

                    key = KeyEvent.Char('O', KeyModifiers.Alt);
                    consumed = 2;
                    return Status.Done;
                }

                consumed = 3;
                key = Ss3Key(s[2]);
                return Status.Done;
            }

            if (!allowAlt)
            {
                key = new KeyEvent(Key.Escape);
                return Status.Done;
            }

            // ESC followed by a key: that key with Alt (how terminals send Meta).
            var inner = DecodeOne(s[1..], flushing, allowAlt: false, out var innerConsumed, out var innerKey);
            if (inner == Status.NeedMore)
            {
                return Status.NeedMore;
            }

            consumed = 1 + innerConsumed;
            if (innerKey is { } k)
            {
                key = k with { Modifiers = k.Modifiers | KeyModifiers.Alt };
            }

            return Status.Done;
        }

        if (b < 0x20 || b == 0x7F)
        {
            key = b switch
            {
                0x0D or 0x0A => new KeyEvent(Key.Enter),
                0x09 => new KeyEvent(Key.Tab),
                0x7F or 0x08 => new KeyEvent(Key.Backspace),
                0x00 => KeyEvent.Char(' ', KeyModifiers.Ctrl),
                < 0x1B => KeyEvent.Ctrl((char)('a' + b - 1)),
                _ => KeyEvent.Char((char)(b + 0x40), KeyModifiers.Ctrl),
            };
            return Status.Done;
        }

        var status = Rune.DecodeFromUtf8(s, out var rune, out consumed);
        if (status == OperationStatus.NeedMoreData && !flushing)
        {
            return Status.NeedMore;
        }

        key = KeyEvent.Char(status == OperationStatus.Done ? rune : Rune.ReplacementChar);
        consumed = Math.Max(consumed, 1);
        return Status.Done;
    }

    private static Status DecodeCsi(ReadOnlySpan<byte> s, bool flushing, out int consumed, out KeyEvent? key)
    {
        key = null;

        // Linux console F1–F5: ESC [ [ A..E.
        if (s.Length >= 3 && s[2] == (byte)'[')
        {
            if (s.Length < 4)
            {
                consumed = 0;
                return flushing ? AltBracket(out consumed, out key) : Status.NeedMore;
            }

            consumed = 4;
            key = s[3] is >= (byte)'A' and <= (byte)'E' ? new KeyEvent(Key.F1 + (s[3] - 'A')) : null;
            return Status.Done;
        }

        var end = 2;
        while (end < s.Length && s[end] is >= 0x20 and < 0x40)
        {
            end++;
        }

        if (end == s.Length)
        {
            if (!flushing && end < MaxSequenceLength)
            {
                consumed = 0;
                return Status.NeedMore;
            }

            return AltBracket(out consumed, out key);
        }

        if (s[end] is < 0x40 or > 0x7E)
        {
            // Malformed: not a CSI after all.
            return AltBracket(out consumed, out key);
        }

        consumed = end + 1;
        var parameters = s[2..end];
        var final = (char)s[end];
        var first = ParseParameter(parameters, 0, defaultValue: 1);
        var modifiers = ModifiersFrom(ParseParameter(parameters, 1, defaultValue: 1));
        if (final == '~' && first == 200)
        {
            return Status.PasteStart;
        }

        key = final switch
        {
            'A' => new KeyEvent(Key.Up, modifiers),
            'B' => new KeyEvent(Key.Down, modifiers),
            'C' => new KeyEvent(Key.Right, modifiers),
            'D' => new KeyEvent(Key.Left, modifiers),
            'H' => new KeyEvent(Key.Home, modifiers),
            'F' => new KeyEvent(Key.End, modifiers),
            'Z' => new KeyEvent(Key.Tab, modifiers | KeyModifiers.Shift),
            'P' => new KeyEvent(Key.F1, modifiers),
            'Q' => new KeyEvent(Key.F2, modifiers),
            'R' => new KeyEvent(Key.F3, modifiers),
            'S' => new KeyEvent(Key.F4, modifiers),
            '~' => TildeKey(first) is { } tilde ? new KeyEvent(tilde, modifiers) : null,
            _ => null,
        };
        return Status.Done;
    }

    private static Status AltBracket(out int consumed, out KeyEvent? key)
    {
        consumed = 2;
        key = KeyEvent.Char('[', KeyModifiers.Alt);
        return Status.Done;
    }

    private static KeyEvent? Ss3Key(byte final) => final switch
    {
        (byte)'A' => new KeyEvent(Key.Up),
        (byte)'B' => new KeyEvent(Key.Down),
        (byte)'C' => new KeyEvent(Key.Right),
        (byte)'D' => new KeyEvent(Key.Left),
        (byte)'H' => new KeyEvent(Key.Home),
        (byte)'F' => new KeyEvent(Key.End),
        (byte)'M' => new KeyEvent(Key.Enter),
        (byte)'P' => new KeyEvent(Key.F1),
        (byte)'Q' => new KeyEvent(Key.F2),
        (byte)'R' => new KeyEvent(Key.F3),
        (byte)'S' => new KeyEvent(Key.F4),
        _ => null,
    };

    private static Key? TildeKey(int code) => code switch
    {
        1 or 7 => Key.Home,
        2 => Key.Insert,
        3 => Key.Delete,
        4 or 8 => Key.End,
        5 => Key.PageUp,
        6 => Key.PageDown,
        11 => Key.F1,
        12 => Key.F2,
        13 => Key.F3,
        14 => Key.F4,
        15 => Key.F5,
        17 => Key.F6,
        18 => Key.F7,
        19 => Key.F8,
        20 => Key.F9,
        21 => Key.F10,
        23 => Key.F11,
        24 => Key.F12,
        _ => null,
    };

    // xterm modifier parameter: 1 + (Shift=1 | Alt=2 | Ctrl=4 | Meta=8).
    private static KeyModifiers ModifiersFrom(int parameter)
    {
        var bits = Math.Max(0, parameter - 1);
        var modifiers = KeyModifiers.None;
        if ((bits & 1) != 0)
        {
            modifiers |= KeyModifiers.Shift;
        }

        if ((bits & (2 | 8)) != 0)
        {
            modifiers |= KeyModifiers.Alt;
        }

        if ((bits & 4) != 0)
        {
            modifiers |= KeyModifiers.Ctrl;
        }

        return modifiers;
    }

    private static int ParseParameter(ReadOnlySpan<byte> parameters, int index, int defaultValue)
    {
        var current = 0;
        var start = 0;
        for (var i = 0; i <= parameters.Length; i++)
        {
            if (i == parameters.Length || parameters[i] == (byte)';')
            {
                if (current == index)
                {
                    var value = 0;
                    var any = false;
                    foreach (var c in parameters[start..i])
                    {
                        if (c is >= (byte)'0' and <= (byte)'9')
                        {
                            value = Math.Min((value * 10) + (c - '0'), 100000);
                            any = true;
                        }
                    }

                    return any ? value : defaultValue;
                }

                current++;
                start = i + 1;
            }
        }

        return defaultValue;
    }
}
