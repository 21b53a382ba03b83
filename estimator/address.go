package estimator

import "strings"

// splitIndexes reads a Terraform address such as `module.a["x"].module.b[0]`
// into its dotted names without instance keys ("module.a.module.b") and the
// keys themselves, in order. Quoted keys may contain dots and brackets.
func splitIndexes(addr string) (bare string, keys []string) {
	var b strings.Builder
	b.Grow(len(addr))
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		if c != '[' {
			b.WriteByte(c)
			continue
		}
		end := closingBracket(addr, i)
		if end < 0 {
			// Unbalanced: keep the rest verbatim rather than guess.
			b.WriteString(addr[i:])
			break
		}
		keys = append(keys, addr[i+1:end])
		i = end
	}
	return b.String(), keys
}

// closingBracket returns the index of the ']' that closes the '[' at open,
// skipping quoted strings, or -1.
func closingBracket(s string, open int) int {
	inQuote := false
	for j := open + 1; j < len(s); j++ {
		switch c := s[j]; {
		case inQuote && c == '\\':
			j++
		case c == '"':
			inQuote = !inQuote
		case !inQuote && c == ']':
			return j
		}
	}
	return -1
}

// stripIndexes returns addr without instance keys.
func stripIndexes(addr string) string {
	if !strings.Contains(addr, "[") {
		return addr
	}
	bare, _ := splitIndexes(addr)
	return bare
}

// moduleNames returns the module call names of a bare module path
// ("module.a.module.b" → [a b]).
func moduleNames(bareModule string) []string {
	if bareModule == "" {
		return nil
	}
	parts := strings.Split(bareModule, ".")
	names := make([]string, 0, len(parts)/2)
	for i := 0; i+1 < len(parts); i += 2 {
		if parts[i] == "module" {
			names = append(names, parts[i+1])
		}
	}
	return names
}

// joinModule builds a bare module path from module call names.
func joinModule(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return "module." + strings.Join(names, ".module.")
}

// indexKey renders a resource change's count/for_each key as Terraform
// writes it inside brackets: 0, "key".
func indexKey(index any) string {
	switch x := index.(type) {
	case nil:
		return ""
	case string:
		return quoteKey(x)
	default:
		return formatScalar(x)
	}
}

func quoteKey(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}
