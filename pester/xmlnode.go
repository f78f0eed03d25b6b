package pester

import (
	"strings"
)

// A small XML tree written the way .NET's XmlWriter (Indent = true)
// writes Pester's reports: two-space indentation, attributes in the
// order given, empty elements as <x />, text-only elements on one line.

// xmlNode is one element.
type xmlNode struct {
	name     string
	attrs    [][2]string
	children []*xmlNode
	// text is the element's text; hasText marks an element written with
	// WriteString (possibly empty), which is never self-closing.
	text    string
	hasText bool
}

// el starts an element with attributes given as name, value pairs.
func el(name string, attrs ...string) *xmlNode {
	n := &xmlNode{name: name}
	for i := 0; i+1 < len(attrs); i += 2 {
		n.attrs = append(n.attrs, [2]string{attrs[i], attrs[i+1]})
	}
	return n
}

// attr appends an attribute.
func (n *xmlNode) attr(name, v string) *xmlNode {
	n.attrs = append(n.attrs, [2]string{name, v})
	return n
}

// add appends children and returns n.
func (n *xmlNode) add(children ...*xmlNode) *xmlNode {
	n.children = append(n.children, children...)
	return n
}

// withText sets the element's text as WriteString does: even an empty
// text makes the element non-empty (<x></x>).
func (n *xmlNode) withText(s string) *xmlNode {
	n.text, n.hasText = s, true
	return n
}

// elementString is XmlWriter.WriteElementString: an element with text,
// written as <x /> when the text is empty.
func elementString(name, text string) *xmlNode {
	n := el(name)
	if text != "" {
		n.withText(text)
	}
	return n
}

// xmlDocument renders a document with the declaration Pester's
// WriteStartDocument($false) produces.
func xmlDocument(root *xmlNode) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8" standalone="no"?>`)
	root.write(&b, 0)
	b.WriteString("\n")
	return []byte(b.String())
}

// write renders the element at an indentation depth.
func (n *xmlNode) write(b *strings.Builder, depth int) {
	b.WriteString("\n")
	b.WriteString(strings.Repeat("  ", depth))
	b.WriteString("<" + n.name)
	for _, a := range n.attrs {
		b.WriteString(" " + a[0] + `="` + escapeAttr(a[1]) + `"`)
	}
	switch {
	case n.hasText:
		b.WriteString(">" + escapeText(n.text) + "</" + n.name + ">")
	case len(n.children) == 0:
		b.WriteString(" />")
	default:
		b.WriteString(">")
		for _, c := range n.children {
			c.write(b, depth+1)
		}
		b.WriteString("\n" + strings.Repeat("  ", depth) + "</" + n.name + ">")
	}
}

// escapeText escapes element text as XmlWriter does.
func escapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(validXML(s))
}

// escapeAttr escapes an attribute value as XmlWriter does, line breaks
// and tabs as character references so they survive parsing.
func escapeAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\n", "&#xA;", "\r", "&#xD;", "\t", "&#x9;").Replace(validXML(s))
}

// validXML drops characters XML 1.0 cannot hold (ANSI escapes in an
// error message would otherwise make the report unreadable).
func validXML(s string) string {
	ok := true
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return -1
		}
		return r
	}, s)
}
