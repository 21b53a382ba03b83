package estimator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// planHint tells people how to produce what costgate reads.
const planHint = "want the output of `terraform show -json PLANFILE`"

// DecodePlan reads a plan in Terraform's JSON format. It accepts the noise
// GitHub's setup-terraform wrapper adds around it (a leading `[command]…`
// line, a trailing `%0A` and `::debug::`/`::set-output` lines) and rejects
// anything else that is not a plan (state files, other JSON, empty input)
// with an error saying what was found. Numbers decode as json.Number, so
// attribute values keep their exact decimal text.
func DecodePlan(r io.Reader) (*tfjson.Plan, error) {
	br, err := openPlan(r)
	if err != nil {
		return nil, err
	}
	plan := &tfjson.Plan{}
	plan.UseJSONNumber(true)
	dec := json.NewDecoder(br)
	if err := dec.Decode(plan); err != nil {
		return nil, describeDecodeError(err)
	}
	return finishPlan(plan, io.MultiReader(dec.Buffered(), br))
}

// finishPlan checks what follows a decoded plan (rest: only wrapper noise)
// and that the document is a plan rather than a state file.
func finishPlan(plan *tfjson.Plan, rest io.Reader) (*tfjson.Plan, error) {
	if err := checkTrailer(bufio.NewReader(rest)); err != nil {
		return nil, err
	}
	if plan.PlannedValues == nil && plan.ResourceChanges == nil {
		return nil, fmt.Errorf("not a Terraform plan: it has neither planned_values nor resource_changes (a state file?); %s", planHint)
	}
	return plan, nil
}

// openPlan skips the wrapper noise before a plan and checks that a JSON
// object follows; the reader is positioned at its '{'.
func openPlan(r io.Reader) (*bufio.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if err := skipWrapperLines(br); err != nil {
		return nil, err
	}
	first, err := br.Peek(1)
	if errors.Is(err, io.EOF) || (err == nil && len(first) == 0) {
		return nil, fmt.Errorf("empty input: %s", planHint)
	}
	if err != nil {
		return nil, fmt.Errorf("reading plan: %w", err)
	}
	if first[0] != '{' {
		if first[0] == '[' {
			return nil, fmt.Errorf("not a Terraform plan: the input is a JSON array; %s", planHint)
		}
		return nil, fmt.Errorf("not a Terraform plan: the input does not start with a JSON object; %s", planHint)
	}
	return br, nil
}

// describeDecodeError words JSON and plan-format errors for people, from
// encoding/json and from the lean decoder's scanner alike.
func describeDecodeError(err error) error {
	var scan *scanSyntaxError
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &scan):
		return fmt.Errorf("not a Terraform plan: invalid JSON at byte %d: %w", scan.offset, err)
	case errors.As(err, &syn):
		return fmt.Errorf("not a Terraform plan: invalid JSON at byte %d: %w", syn.Offset, err)
	case errors.As(err, &typ):
		return fmt.Errorf("not a Terraform plan: field %q has a %s where a %s belongs", typ.Field, typ.Value, typ.Type)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("not a Terraform plan: the JSON ends early (truncated file?)")
	case strings.Contains(err.Error(), "format version"):
		return fmt.Errorf("not a Terraform plan: %w; %s", err, planHint)
	}
	return fmt.Errorf("decoding plan: %w", err)
}

// skipWrapperLines discards leading blank lines, a UTF-8 byte order mark and
// setup-terraform's `[command]…` / `::…` lines.
func skipWrapperLines(br *bufio.Reader) error {
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3)
	}
	for {
		if err := skipSpace(br); err != nil {
			return err
		}
		head, _ := br.Peek(9)
		if !bytes.HasPrefix(head, []byte("[command]")) && !bytes.HasPrefix(head, []byte("::")) {
			return nil
		}
		if err := discardLine(br); err != nil {
			return err
		}
	}
}

// checkTrailer accepts only whitespace and wrapper noise after the plan.
func checkTrailer(br *bufio.Reader) error {
	lineStart := false
	for {
		b, ok, err := nextByte(br)
		if !ok {
			return err
		}
		switch {
		case b == ' ' || b == '\t' || b == '\r':
		case b == '\n':
			lineStart = true
		case b == '%':
			// setup-terraform escapes the final newline as %0A.
			esc := make([]byte, 2)
			if _, err := io.ReadFull(br, esc); err != nil || !strings.EqualFold(string(esc), "0a") {
				return errors.New("not a Terraform plan: unexpected content after the plan JSON")
			}
		case lineStart && (b == ':' || b == '['):
			if err := br.UnreadByte(); err != nil {
				return fmt.Errorf("reading plan: %w", err)
			}
			head, _ := br.Peek(9)
			if !bytes.HasPrefix(head, []byte("::")) && !bytes.HasPrefix(head, []byte("[command]")) {
				return errors.New("not a Terraform plan: unexpected content after the plan JSON")
			}
			if err := discardLine(br); err != nil {
				return err
			}
			lineStart = true
		default:
			return errors.New("not a Terraform plan: unexpected content after the plan JSON (two documents?)")
		}
	}
}

func skipSpace(br *bufio.Reader) error {
	for {
		b, ok, err := nextByte(br)
		if !ok {
			return err
		}
		if b != ' ' && b != '\t' && b != '\r' && b != '\n' {
			return br.UnreadByte()
		}
	}
}

// nextByte reads a byte; ok is false at the end of input (err nil) or on
// a read error.
func nextByte(br *bufio.Reader) (b byte, ok bool, err error) {
	b, err = br.ReadByte()
	switch {
	case errors.Is(err, io.EOF):
		return 0, false, nil
	case err != nil:
		return 0, false, fmt.Errorf("reading plan: %w", err)
	}
	return b, true, nil
}

// discardLine drops bytes up to and including the next newline without
// holding the line in memory (wrapper lines can repeat the whole plan).
func discardLine(br *bufio.Reader) error {
	for {
		_, err := br.ReadSlice('\n')
		switch {
		case err == nil, errors.Is(err, io.EOF):
			return nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return fmt.Errorf("reading plan: %w", err)
		}
	}
}
