package eval

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/keyhost/keyhost/ps/value"
)

// [ipaddress] (System.Net.IPAddress) and [uri] (System.Uri): values admin
// scripts parse and validate (an ESXi management address, a vCenter URL).
// Neither touches the network.

func init() {
	registerType(&psType{Name: "System.Net.IPAddress", Convert: toIPAddress, StaticMethod: ipAddressStatic, StaticProperty: ipAddressProperty}, "ipaddress", "net.ipaddress")
	registerType(&psType{Name: "System.Uri", Convert: toURI, New: func(_ *frame, args []any) (any, error) {
		if len(args) == 0 {
			return nil, fmt.Errorf("Cannot find an overload for \"new\" and the argument count: \"0\".")
		}
		return toURI(args[0])
	}}, "uri")
}

// newIPAddress builds an IPAddress object.
func newIPAddress(ip net.IP) *value.PSObject {
	family := "InterNetworkV6"
	text := ip.String()
	if v4 := ip.To4(); v4 != nil {
		family, ip = "InterNetwork", v4
		text = v4.String()
	}
	v6 := family == "InterNetworkV6"
	o := value.NewPSObject("System.Net.IPAddress")
	// The properties in .NET's order (Format-List shows them so).
	if !v6 {
		// Address is the IPv4 address as a little-endian integer.
		o.Add("Address", int64(ip[0])|int64(ip[1])<<8|int64(ip[2])<<16|int64(ip[3])<<24)
	} else {
		o.Add("Address", nil)
	}
	var scope any
	if v6 {
		scope = int64(0)
	}
	o.Add("AddressFamily", family).Add("ScopeId", scope).
		Add("IsIPv6Multicast", v6 && ip.IsMulticast()).Add("IsIPv6LinkLocal", v6 && ip.IsLinkLocalUnicast()).
		Add("IsIPv6SiteLocal", v6 && ip[0] == 0xfe && ip[1]&0xc0 == 0xc0).
		Add("IsIPv6Teredo", v6 && ip[0] == 0x20 && ip[1] == 0x01 && ip[2] == 0 && ip[3] == 0).
		Add("IsIPv6UniqueLocal", v6 && ip[0]&0xfe == 0xfc).
		Add("IsIPv4MappedToIPv6", false).Add("IPAddressToString", text)
	o.ToStringFunc = func() string { return text }
	o.Methods = map[string]func([]any) (any, error){
		"tostring": func([]any) (any, error) { return text, nil },
		"getaddressbytes": func([]any) (any, error) {
			out := make([]any, len(ip))
			for i, b := range ip {
				out[i] = b
			}
			return out, nil
		},
		"equals": func(args []any) (any, error) {
			if len(args) != 1 {
				return false, nil
			}
			other, err := toIPAddress(args[0])
			if err != nil {
				return false, nil
			}
			return value.ToString(other) == text, nil
		},
	}
	return o
}

// parseIPAddress parses an address as IPAddress.Parse does (dotted IPv4,
// IPv6, with an optional %zone or [brackets]).
func parseIPAddress(s string) (net.IP, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	if i := strings.IndexByte(s, '%'); i >= 0 {
		s = s[:i]
	}
	ip := net.ParseIP(s)
	return ip, ip != nil
}

// toIPAddress is [ipaddress]$v.
func toIPAddress(v any) (any, error) {
	if o, ok := v.(*value.PSObject); ok && o.TypeNames()[0] == "System.Net.IPAddress" {
		return o, nil
	}
	if ip, ok := parseIPAddress(value.ToString(v)); ok {
		return newIPAddress(ip), nil
	}
	return nil, fmt.Errorf("An invalid IP address was specified.")
}

// ipAddressStatic implements [ipaddress]::Parse and ::TryParse.
func ipAddressStatic(f *frame, name string, args []any) (any, bool, error) {
	switch strings.ToLower(name) {
	case "parse":
		if len(args) == 1 {
			ip, err := toIPAddress(args[0])
			if err != nil {
				return nil, true, newExceptionOf("System.FormatException", err.Error())
			}
			return ip, true, nil
		}
	case "tryparse":
		if len(args) == 2 {
			ip, err := toIPAddress(args[0])
			if r, ok := args[1].(*Ref); ok {
				r.Set(ip)
			}
			return err == nil, true, nil
		}
	}
	return nil, false, nil
}

// ipAddressProperty implements [ipaddress]::Any, ::Loopback and friends.
func ipAddressProperty(_ *frame, name string) (any, bool) {
	switch strings.ToLower(name) {
	case "any":
		return newIPAddress(net.IPv4zero), true
	case "loopback":
		return newIPAddress(net.IPv4(127, 0, 0, 1)), true
	case "broadcast", "none":
		return newIPAddress(net.IPv4bcast), true
	case "ipv6loopback":
		return newIPAddress(net.IPv6loopback), true
	case "ipv6any", "ipv6none":
		return newIPAddress(net.IPv6unspecified), true
	}
	return nil, false
}

// defaultPorts are the schemes' well-known ports (Uri.Port when the URL
// names none).
var defaultPorts = map[string]int32{"http": 80, "https": 443, "ftp": 21, "ldap": 389, "ldaps": 636}

// toURI is [uri]$v: an absolute URI with its parts, or, for text with
// no scheme, a relative Uri that keeps the text (as the cast does).
func toURI(v any) (any, error) {
	if o, ok := v.(*value.PSObject); ok && o.TypeNames()[0] == "System.Uri" {
		return o, nil
	}
	text := value.ToString(v)
	u, err := url.Parse(text)
	if err != nil {
		return nil, fmt.Errorf("Invalid URI: The format of the URI could not be determined.")
	}
	o := value.NewPSObject("System.Uri")
	if !u.IsAbs() {
		o.Add("OriginalString", text).Add("IsAbsoluteUri", false)
		o.ToStringFunc = func() string { return text }
		return o, nil
	}
	scheme := strings.ToLower(u.Scheme)
	port := int32(-1)
	if p := u.Port(); p != "" {
		n, _ := strconv.Atoi(p)
		port = int32(n)
	} else if d, ok := defaultPorts[scheme]; ok {
		port = d
	}
	pathPart := u.EscapedPath()
	if pathPart == "" && u.Host != "" {
		pathPart = "/"
	}
	query := ""
	if u.RawQuery != "" {
		query = "?" + u.RawQuery
	}
	fragment := ""
	if u.Fragment != "" {
		fragment = "#" + u.EscapedFragment()
	}
	host := strings.ToLower(u.Hostname())
	authority := host
	if p := u.Port(); p != "" && int32(mustAtoi(p)) != defaultPorts[scheme] {
		authority += ":" + p
	}
	absolute := scheme + "://" + authority + pathPart + query + fragment
	// Segments ends each segment after its '/': "/a/b" is "/", "a/", "b".
	var segments []any
	start := 0
	for i := 0; i < len(pathPart); i++ {
		if pathPart[i] == '/' {
			segments = append(segments, pathPart[start:i+1])
			start = i + 1
		}
	}
	if start < len(pathPart) {
		segments = append(segments, pathPart[start:])
	}
	hostType := "Dns"
	if ip, ok := parseIPAddress(host); ok {
		hostType = "IPv4Address"
		if ip.To4() == nil {
			hostType = "IPv6Address"
		}
	}
	o.Add("AbsolutePath", pathPart).Add("AbsoluteUri", absolute).Add("LocalPath", pathPart).
		Add("Authority", authority).Add("HostNameType", hostType).Add("IsDefaultPort", u.Port() == "" || port == defaultPorts[scheme]).
		Add("IsFile", scheme == "file").Add("IsLoopback", host == "localhost" || host == "127.0.0.1" || host == "::1").
		Add("PathAndQuery", pathPart+query).Add("Segments", segments).Add("IsUnc", false).
		Add("Host", host).Add("Port", port).Add("Query", query).Add("Fragment", fragment).
		Add("Scheme", scheme).Add("OriginalString", text).Add("DnsSafeHost", host).Add("IdnHost", host).
		Add("IsAbsoluteUri", true).Add("UserInfo", u.User.String())
	o.ToStringFunc = func() string { return absolute }
	return o, nil
}

func mustAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
