//! A small HTML tokenizer, fed piece by piece (the lines of HTML blocks and the Markdown
//! lines between them), whose state carries over from one piece to the next: a tag or a
//! comment may continue on the next line. Whatever lies between two pieces (a line break,
//! container markers, blank lines) counts as white space.
//!
//! Grammar read (a loose subset of HTML's tokenizer, which never fails):
//!
//! ```text
//! token     = tag / comment / other / entity / text
//! tag       = "<" [ "/" ] name *( attribute / junk ) [ "/" ] ">"
//! name      = ALPHA *( ALPHA / DIGIT / "-" / ":" )      ; compared in lower case
//! attribute = name [ *WSP "=" *WSP value ]
//! value     = DQUOTE *not-dquote DQUOTE / "'" *not-quote "'" / 1*not-space-or-gt
//! comment   = "<!--" *any "-->"
//! other     = ( "<!" / "<?" / "</" not-alpha ) *not-gt ">"
//! entity    = "&" 1*31( ALPHA / DIGIT / "#" ) ";"
//! text      = 1*( any but "<", "&" and white space )   ; a "<" or "&" starting none
//!                                                       ; of the above is text too
//! ```
//!
//! Every byte is looked at once and token boundaries fall on ASCII bytes or on piece ends,
//! so spans stay on `char` boundaries and the work is linear.

use crate::source::Span;

/// Longest entity read (`&` and `;` included): the longest HTML entity name has 31 bytes.
const MAX_ENTITY: usize = 34;

/// Largest `colspan` or `rowspan` value kept.
const MAX_SPAN_VALUE: u16 = 1000;

/// A tag or attribute name in lower case; names longer than it holds compare unequal to any.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Name {
    bytes: [u8; 10],
    len: u8,
}

impl Name {
    fn push(&mut self, b: u8) {
        match self.bytes.get_mut(usize::from(self.len)) {
            Some(slot) => {
                *slot = b.to_ascii_lowercase();
                self.len += 1;
            }
            // Too long: marked by a length no name given to `is` has.
            None => self.len = u8::MAX,
        }
    }

    /// Whether this is `name` (given in lower case).
    pub(super) fn is(&self, name: &str) -> bool {
        self.bytes.get(..usize::from(self.len)) == Some(name.as_bytes())
    }

    /// Whether this is one of `names`.
    pub(super) fn is_any(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.is(n))
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A start or end tag.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Tag {
    /// From `<` to `>`.
    pub span: Span,
    /// An end tag (`</td>`).
    pub closing: bool,
    pub name: Name,
    /// The `colspan` and `rowspan` attributes (1 when absent or not a number).
    pub colspan: u16,
    pub rowspan: u16,
}

/// What the tokenizer gives.
#[derive(Clone, Copy, Debug)]
pub(super) enum Token {
    /// A run of text without white space.
    Text(Span),
    /// A character reference (`&amp;`), not decoded.
    Entity(Span),
    Tag(Tag),
}

/// Where in a tag the tokenizer is.
#[derive(Clone, Copy, Debug)]
enum InTag {
    /// In the tag's name.
    Name,
    /// Between attributes, or in an attribute's name (read so far; `ended` once white
    /// space followed it, so that an `=` may still come but another name starts afresh).
    Attribute(Name, bool),
    /// In the value of an attribute (`which`: 1 `colspan`, 2 `rowspan`, 0 another):
    /// `quote` is its open quote (0 unquoted), `started` once the value began, `digits`
    /// while it is still leading digits.
    Value {
        which: u8,
        quote: u8,
        started: bool,
        digits: bool,
        value: u16,
    },
}

#[derive(Clone, Copy, Debug, Default)]
enum State {
    #[default]
    Text,
    /// After a `<` at this offset.
    Open(usize),
    Tag(Tag, InTag),
    /// After `<!`, with this many dashes of `<!--` seen.
    Bang(u8),
    /// In a comment, after this many dashes.
    Comment(u8),
    /// In a declaration, processing instruction or bogus comment, until `>`.
    Other,
}

/// The tokenizer's state between pieces.
#[derive(Debug, Default)]
pub(super) struct Lexer {
    state: State,
}

/// What a byte does to the tokenizer.
enum Step {
    /// Consumed; go on with the next byte.
    Next,
    /// Not consumed: read it again in the new state.
    Again,
    /// Consumed up to this offset.
    To(usize),
}

impl Lexer {
    /// Forgets any construct left open (a new HTML block starts).
    pub(super) fn reset(&mut self) {
        self.state = State::Text;
    }

    /// Reads the source at `piece`, appending its tokens to `out`.
    pub(super) fn feed(&mut self, text: &str, piece: Span, out: &mut Vec<Token>) {
        let bytes = text.as_bytes();
        let end = piece.end.min(bytes.len());
        let mut at = piece.start;
        while let Some(&b) = bytes.get(at).filter(|_| at < end) {
            match self.step(bytes, at, b, end, out) {
                Step::Next => at += 1,
                Step::Again => {}
                Step::To(to) => at = to,
            }
        }
        self.gap(out);
    }

    fn step(&mut self, bytes: &[u8], at: usize, b: u8, end: usize, out: &mut Vec<Token>) -> Step {
        match &mut self.state {
            State::Text => match b {
                b'<' => self.state = State::Open(at),
                b'&' => {
                    let name = bytes.get(at + 1..end.min(at + MAX_ENTITY)).unwrap_or(&[]);
                    let len = name
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
                        .count();
                    if len > 0 && name.get(len) == Some(&b';') {
                        let to = at + len + 2;
                        out.push(Token::Entity(Span::new(at, to)));
                        return Step::To(to);
                    }
                    out.push(Token::Text(Span::new(at, at + 1)));
                }
                _ if b.is_ascii_whitespace() => {}
                _ => {
                    let run = bytes.get(at..end).unwrap_or(&[]);
                    let len = run
                        .iter()
                        .position(|c| matches!(c, b'<' | b'&') || c.is_ascii_whitespace())
                        .unwrap_or(run.len())
                        .max(1);
                    out.push(Token::Text(Span::new(at, at + len)));
                    return Step::To(at + len);
                }
            },
            State::Open(start) => {
                let start = *start;
                let tag = |closing| Tag {
                    span: Span::empty(start),
                    closing,
                    colspan: 1,
                    rowspan: 1,
                    ..Tag::default()
                };
                self.state = match b {
                    b'/' => State::Tag(tag(true), InTag::Name),
                    b'!' => State::Bang(0),
                    b'?' => State::Other,
                    _ if b.is_ascii_alphabetic() => State::Tag(tag(false), InTag::Name),
                    _ => {
                        out.push(Token::Text(Span::new(start, start + 1)));
                        self.state = State::Text;
                        return Step::Again;
                    }
                };
                // The first letter of a start tag's name is read again as part of it.
                if b.is_ascii_alphabetic() {
                    return Step::Again;
                }
            }
            State::Tag(tag, in_tag) => {
                let (mut tag, mut in_tag) = (*tag, *in_tag);
                let (step, closed) = step_tag(&mut tag, &mut in_tag, at, b);
                self.state = if closed {
                    out.push(Token::Tag(tag));
                    State::Text
                } else if tag.closing && tag.name.is_empty() && !matches!(in_tag, InTag::Name) {
                    // `</` not followed by a letter: a bogus comment, to the next `>`.
                    State::Other
                } else {
                    State::Tag(tag, in_tag)
                };
                return step;
            }
            State::Bang(dashes) => {
                if b == b'-' && *dashes < 2 {
                    *dashes += 1;
                    if *dashes == 2 {
                        self.state = State::Comment(0);
                    }
                } else {
                    self.state = State::Other;
                    return Step::Again;
                }
            }
            State::Comment(dashes) => match b {
                b'-' => *dashes = (*dashes + 1).min(2),
                b'>' if *dashes >= 2 => self.state = State::Text,
                _ => *dashes = 0,
            },
            State::Other => {
                if b == b'>' {
                    self.state = State::Text;
                }
            }
        }
        Step::Next
    }

    /// The end of a piece: what follows it is white space.
    fn gap(&mut self, out: &mut Vec<Token>) {
        match &mut self.state {
            State::Open(start) => {
                out.push(Token::Text(Span::new(*start, *start + 1)));
                self.state = State::Text;
            }
            State::Bang(..) => self.state = State::Other,
            State::Tag(tag, in_tag) => match in_tag {
                InTag::Name if tag.name.is_empty() => self.state = State::Other,
                InTag::Name => *in_tag = InTag::Attribute(Name::default(), false),
                InTag::Attribute(_, ended) => *ended = true,
                InTag::Value {
                    quote: 0,
                    started: true,
                    ..
                } => {
                    apply(tag, in_tag);
                    *in_tag = InTag::Attribute(Name::default(), false);
                }
                // Waiting for a value, or inside quotes: both may go on on the next line.
                InTag::Value { .. } => {}
            },
            State::Text | State::Comment(_) | State::Other => {}
        }
    }
}

/// One byte inside a tag; whether it closed the tag (its span then ends after it).
fn step_tag(tag: &mut Tag, in_tag: &mut InTag, at: usize, b: u8) -> (Step, bool) {
    let close = |tag: &mut Tag| {
        tag.span = Span::new(tag.span.start, at + 1);
        (Step::Next, true)
    };
    match in_tag {
        InTag::Name => {
            if b.is_ascii_alphanumeric() || (!tag.name.is_empty() && matches!(b, b'-' | b':')) {
                tag.name.push(b);
            } else {
                // The name ends; an end tag without one (`</ `) is left for the caller to
                // make a bogus comment of.
                *in_tag = InTag::Attribute(Name::default(), false);
                return (Step::Again, false);
            }
        }
        InTag::Attribute(name, ended) => match b {
            b'>' => return close(tag),
            b'=' => {
                let which = if name.is("colspan") {
                    1
                } else if name.is("rowspan") {
                    2
                } else {
                    0
                };
                *in_tag = InTag::Value {
                    which,
                    quote: 0,
                    started: false,
                    digits: true,
                    value: 0,
                };
            }
            b'/' => *in_tag = InTag::Attribute(Name::default(), false),
            _ if b.is_ascii_whitespace() => *ended = !name.is_empty(),
            _ => {
                if *ended {
                    *name = Name::default();
                    *ended = false;
                }
                name.push(b);
            }
        },
        InTag::Value {
            quote,
            started,
            digits,
            value,
            ..
        } => {
            if !*started {
                match b {
                    b'"' | b'\'' => {
                        *quote = b;
                        *started = true;
                    }
                    b'>' => return close(tag),
                    _ if b.is_ascii_whitespace() => {}
                    _ => {
                        *started = true;
                        return (Step::Again, false);
                    }
                }
                return (Step::Next, false);
            }
            let ends = if *quote == 0 {
                b.is_ascii_whitespace() || b == b'>'
            } else {
                b == *quote
            };
            if ends {
                apply(tag, in_tag);
                *in_tag = InTag::Attribute(Name::default(), false);
                let step = if b == b'>' { Step::Again } else { Step::Next };
                return (step, false);
            }
            if *digits && b.is_ascii_digit() {
                *value = (*value * 10 + u16::from(b - b'0')).min(MAX_SPAN_VALUE);
            } else {
                *digits = false;
            }
        }
    }
    (Step::Next, false)
}

/// Keeps the value just read when it is a `colspan` or `rowspan` number.
fn apply(tag: &mut Tag, in_tag: &InTag) {
    if let InTag::Value {
        which,
        value: v @ 1..,
        ..
    } = *in_tag
    {
        match which {
            1 => tag.colspan = v,
            2 => tag.rowspan = v,
            _ => {}
        }
    }
}
