package estimator

import (
	"errors"
	"fmt"
	"io"
)

// jsonScanner reads a JSON document from a stream one value at a time,
// validating the syntax of every byte (as encoding/json does) while either
// skipping a value or capturing its bytes. It holds one window of input,
// never the whole document.
type jsonScanner struct {
	r   io.Reader
	buf []byte
	pos int   // next unread byte in buf
	end int   // end of valid data in buf
	off int64 // document offset of buf[0]
	eof bool

	// capturing copies consumed bytes from buf[capFrom:] into captured.
	capturing bool
	capFrom   int
	captured  []byte
}

// maxNesting is encoding/json's limit on nested arrays and objects.
const maxNesting = 10000

// scanSyntaxError is a syntax error at a document offset, worded as encoding/json's.
type scanSyntaxError struct {
	msg    string
	offset int64
}

func (e *scanSyntaxError) Error() string { return e.msg }

func newJSONScanner(r io.Reader, size int) *jsonScanner {
	return &jsonScanner{r: r, buf: make([]byte, size)}
}

// offset is the document offset of the next unread byte.
func (s *jsonScanner) offset() int64 { return s.off + int64(s.pos) }

func (s *jsonScanner) syntax(format string, args ...any) error {
	return &scanSyntaxError{msg: fmt.Sprintf(format, args...), offset: s.offset()}
}

// fill reads more input, keeping any capture in progress; it reports
// false at the end of input or on a read error (kept in readErr).
func (s *jsonScanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	if s.capturing {
		s.captured = append(s.captured, s.buf[s.capFrom:s.end]...)
		s.capFrom = 0
	}
	s.off += int64(s.end)
	s.pos, s.end = 0, 0
	for s.end == 0 {
		n, err := s.r.Read(s.buf)
		s.end = n
		if errors.Is(err, io.EOF) {
			s.eof = true
			return n > 0, nil
		}
		if err != nil {
			return n > 0, fmt.Errorf("reading plan: %w", err)
		}
	}
	return true, nil
}

// peek returns the next byte without consuming it; ok is false at the end.
func (s *jsonScanner) peek() (byte, bool, error) {
	if s.pos == s.end {
		more, err := s.fill()
		if !more {
			return 0, false, err
		}
	}
	return s.buf[s.pos], true, nil
}

// next consumes and returns the next byte, or an "unexpected end" error.
func (s *jsonScanner) next() (byte, error) {
	c, ok, err := s.peek()
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, io.ErrUnexpectedEOF
	}
	s.pos++
	return c, nil
}

// skipSpace consumes JSON white space and returns the next byte (not consumed).
func (s *jsonScanner) skipSpace() (byte, error) {
	for {
		for s.pos < s.end {
			switch c := s.buf[s.pos]; c {
			case ' ', '\t', '\r', '\n':
				s.pos++
			default:
				return c, nil
			}
		}
		more, err := s.fill()
		if err != nil {
			return 0, err
		}
		if !more {
			return 0, io.ErrUnexpectedEOF
		}
	}
}

// expect consumes white space and then byte want.
func (s *jsonScanner) expect(want byte, context string) error {
	c, err := s.skipSpace()
	if err != nil {
		return err
	}
	if c != want {
		return s.syntax("invalid character %s %s", quoteChar(c), context)
	}
	s.pos++
	return nil
}

// startCapture begins copying consumed bytes (from the next unread one).
func (s *jsonScanner) startCapture() {
	s.capturing, s.capFrom, s.captured = true, s.pos, s.captured[:0]
}

// endCapture stops copying and returns the bytes consumed since
// startCapture; they stay valid until the next capture.
func (s *jsonScanner) endCapture() []byte {
	s.captured = append(s.captured, s.buf[s.capFrom:s.pos]...)
	s.capturing = false
	return s.captured
}

// captureValue consumes one value and returns its bytes (valid until the
// next capture).
func (s *jsonScanner) captureValue() ([]byte, error) {
	if _, err := s.skipSpace(); err != nil {
		return nil, err
	}
	s.startCapture()
	if err := s.value(0); err != nil {
		s.capturing = false
		return nil, err
	}
	return s.endCapture(), nil
}

// value consumes and validates one JSON value (white space first).
func (s *jsonScanner) value(depth int) error {
	c, err := s.skipSpace()
	if err != nil {
		return err
	}
	switch {
	case c == '{':
		return s.object(depth + 1)
	case c == '[':
		return s.array(depth + 1)
	case c == '"':
		s.pos++
		return s.stringBody()
	case c == '-' || (c >= '0' && c <= '9'):
		return s.number()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	}
	return s.syntax("invalid character %s looking for beginning of value", quoteChar(c))
}

func (s *jsonScanner) object(depth int) error {
	if depth > maxNesting {
		return s.syntax("exceeded max depth")
	}
	s.pos++ // '{'
	return s.eachMember(func() error {
		s.pos++ // '"'
		return s.stringBody()
	}, func() error { return s.value(depth) })
}

func (s *jsonScanner) array(depth int) error {
	if depth > maxNesting {
		return s.syntax("exceeded max depth")
	}
	s.pos++ // '['
	return s.eachElement(func() error { return s.value(depth) })
}

// eachMember consumes an object's members, its '{' already read: key
// consumes each key (the scanner is at its opening quote) and value the
// value after the colon.
func (s *jsonScanner) eachMember(key, value func() error) error {
	c, err := s.skipSpace()
	if err != nil {
		return err
	}
	if c == '}' {
		s.pos++
		return nil
	}
	for {
		c, err := s.skipSpace()
		if err != nil {
			return err
		}
		if c != '"' {
			return s.syntax("invalid character %s looking for beginning of object key string", quoteChar(c))
		}
		if err := key(); err != nil {
			return err
		}
		if err := s.expect(':', "after object key"); err != nil {
			return err
		}
		if err := value(); err != nil {
			return err
		}
		if done, err := s.separator('}', "after object key:value pair"); done || err != nil {
			return err
		}
	}
}

// eachElement consumes an array's elements, its '[' already read, calling
// element for each.
func (s *jsonScanner) eachElement(element func() error) error {
	c, err := s.skipSpace()
	if err != nil {
		return err
	}
	if c == ']' {
		s.pos++
		return nil
	}
	for {
		if err := element(); err != nil {
			return err
		}
		if done, err := s.separator(']', "after array element"); done || err != nil {
			return err
		}
	}
}

// separator consumes ',' (done false) or the closing byte (done true).
func (s *jsonScanner) separator(closing byte, context string) (done bool, err error) {
	c, err := s.skipSpace()
	if err != nil {
		return false, err
	}
	switch c {
	case ',':
		s.pos++
		return false, nil
	case closing:
		s.pos++
		return true, nil
	}
	return false, s.syntax("invalid character %s %s", quoteChar(c), context)
}

// stringBody consumes a string after its opening quote.
func (s *jsonScanner) stringBody() error {
	for {
		for s.pos < s.end {
			c := s.buf[s.pos]
			switch {
			case c == '"':
				s.pos++
				return nil
			case c == '\\':
				s.pos++
				if err := s.escape(); err != nil {
					return err
				}
			case c < 0x20:
				return s.syntax("invalid character %s in string literal", quoteChar(c))
			default:
				s.pos++
			}
		}
		more, err := s.fill()
		if err != nil {
			return err
		}
		if !more {
			return io.ErrUnexpectedEOF
		}
	}
}

func (s *jsonScanner) escape() error {
	c, err := s.next()
	if err != nil {
		return err
	}
	switch c {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return nil
	case 'u':
		for range 4 {
			h, err := s.next()
			if err != nil {
				return err
			}
			if !isHex(h) {
				s.pos--
				return s.syntax("invalid character %s in \\u hexadecimal character escape", quoteChar(h))
			}
		}
		return nil
	}
	s.pos--
	return s.syntax("invalid character %s in string escape code", quoteChar(c))
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// number consumes a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *jsonScanner) number() error {
	c, err := s.next()
	if err != nil {
		return err
	}
	if c == '-' {
		if c, err = s.next(); err != nil {
			return err
		}
		if c < '0' || c > '9' {
			s.pos--
			return s.syntax("invalid character %s in numeric literal", quoteChar(c))
		}
	}
	if c != '0' {
		if err := s.digits(); err != nil {
			return err
		}
	}
	if c, ok, err := s.peek(); err != nil || !ok {
		return err
	} else if c == '.' {
		s.pos++
		if err := s.oneDigitThenMore(); err != nil {
			return err
		}
	}
	if c, ok, err := s.peek(); err != nil || !ok {
		return err
	} else if c == 'e' || c == 'E' {
		s.pos++
		if c, ok, err := s.peek(); err != nil {
			return err
		} else if ok && (c == '+' || c == '-') {
			s.pos++
		}
		return s.oneDigitThenMore()
	}
	return nil
}

func (s *jsonScanner) oneDigitThenMore() error {
	c, err := s.next()
	if err != nil {
		return err
	}
	if c < '0' || c > '9' {
		s.pos--
		return s.syntax("invalid character %s in numeric literal", quoteChar(c))
	}
	return s.digits()
}

func (s *jsonScanner) digits() error {
	for {
		c, ok, err := s.peek()
		if err != nil || !ok {
			return err
		}
		if c < '0' || c > '9' {
			return nil
		}
		s.pos++
	}
}

func (s *jsonScanner) literal(word string) error {
	for i := 0; i < len(word); i++ {
		c, err := s.next()
		if err != nil {
			return err
		}
		if c != word[i] {
			s.pos--
			return s.syntax("invalid character %s in literal %s (expecting %s)", quoteChar(c), word, quoteChar(word[i]))
		}
	}
	return nil
}

// quoteChar formats a byte as encoding/json's errors do.
func quoteChar(c byte) string {
	switch {
	case c == '\'':
		return `'\''`
	case c == '"':
		return `'"'`
	case c < 0x20 || c >= 0x7f:
		return fmt.Sprintf("%q", string(rune(c)))
	}
	return "'" + string(c) + "'"
}
