package kmip

import (
	"fmt"
	"slices"
	"strings"
	"time"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
	"github.com/keyhost/keyhost/engine/kmip/ttlv"
)

// The operations of the embedded server and the object state machine of
// KMIP 1.2 section 3.22:
//
//	Pre-Active --Activate--> Active --Revoke--> Deactivated
//	Pre-Active, Active, Deactivated --Revoke(compromise)--> Compromised
//	Pre-Active, Deactivated --Destroy--> Destroyed
//	Compromised --Destroy--> Destroyed Compromised
//	Destroyed --Revoke(compromise)--> Destroyed Compromised
//
// Destroying an Active object is refused (Permission Denied, as PyKMIP
// answers), and a destroyed object is Item Not Found to Get, Activate and
// Destroy, as with PyKMIP, which deletes it.

// process runs one batch item. Callers do not hold s.mu.
func (s *Server) process(bi RequestBatchItem) (ttlv.Item, *Error) {
	switch bi.Operation {
	case OpCreate:
		return s.create(bi.Payload)
	case OpActivate:
		return s.activate(bi.Payload)
	case OpGet:
		return s.get(bi.Payload)
	case OpLocate:
		return s.locate(bi.Payload)
	case OpRevoke:
		return s.revoke(bi.Payload)
	case OpDestroy:
		return s.destroy(bi.Payload)
	}
	return ttlv.Item{}, failure(ReasonOperationNotSupported, "operation %v is not supported by this server", bi.Operation)
}

func invalid(err error) *Error { return failure(ReasonInvalidField, "%v", err) }

// lookup finds a live object. Callers hold s.mu.
func (s *Server) lookup(id string) (*Object, *Error) {
	o, ok := s.objects[id]
	if !ok {
		return nil, failure(ReasonItemNotFound, "no object with Unique Identifier %q", id)
	}
	if o.destroyed() {
		return nil, failure(ReasonItemNotFound, "object %s was destroyed", id)
	}
	return o, nil
}

// commit saves the changed copy o through the Store and only then installs
// it. Callers hold s.mu.
func (s *Server) commit(o Object) *Error {
	if s.cfg.Store != nil {
		if err := s.cfg.Store.Save(o.Clone()); err != nil {
			s.log.Error("kmip store save failed", "id", o.ID, "err", err)
			return failure(ReasonGeneralFailure, "the server could not save object %s", o.ID)
		}
	}
	if _, ok := s.objects[o.ID]; !ok {
		s.order = append(s.order, o.ID)
	}
	s.objects[o.ID] = &o
	return nil
}

func (s *Server) create(p ttlv.Item) (ttlv.Item, *Error) {
	req, err := parseCreateRequest(p)
	if err != nil {
		return ttlv.Item{}, invalid(err)
	}
	if req.ObjectType != ObjectSymmetricKey {
		return ttlv.Item{}, failure(ReasonInvalidField, "this server creates Symmetric Keys only, not %v", req.ObjectType)
	}
	now := s.now()
	o := Object{Type: ObjectSymmetricKey, State: StatePreActive, Usage: UsageEncrypt | UsageDecrypt, Created: now}
	seen := map[string]bool{}
	for _, a := range req.Attributes {
		if a.Name != AttrName && seen[a.Name] {
			return ttlv.Item{}, failure(ReasonInvalidField, "attribute %q given twice", a.Name)
		}
		seen[a.Name] = true
		if e := applyCreateAttribute(&o, a, now); e != nil {
			return ttlv.Item{}, e
		}
	}
	if o.Algorithm != AlgorithmAES {
		return ttlv.Item{}, failure(ReasonInvalidField, "Cryptographic Algorithm must be AES, not %v", o.Algorithm)
	}
	if o.Length != 128 && o.Length != 192 && o.Length != 256 {
		return ttlv.Item{}, failure(ReasonInvalidField, "Cryptographic Length must be 128, 192 or 256, not %d", o.Length)
	}
	// Under the lock: a caller's random source need not be safe for
	// concurrent use.
	s.mu.Lock()
	defer s.mu.Unlock()
	id, err := kcrypto.NewUUID(s.rand)
	if err != nil {
		return ttlv.Item{}, failure(ReasonGeneralFailure, "cannot generate an identifier: %v", err)
	}
	if _, dup := s.objects[id]; dup {
		return ttlv.Item{}, failure(ReasonGeneralFailure, "the random source repeated identifier %s", id)
	}
	if o.Material, err = kcrypto.RandomBytes(s.rand, int(o.Length/8)); err != nil {
		return ttlv.Item{}, failure(ReasonCryptographicFailure, "cannot generate a key: %v", err)
	}
	o.ID = id
	if e := s.commit(o); e != nil {
		return ttlv.Item{}, e
	}
	return CreateResponse{ObjectType: o.Type, ID: o.ID}.Item(), nil
}

// applyCreateAttribute sets one attribute of a Create request on o.
func applyCreateAttribute(o *Object, a Attribute, now time.Time) *Error {
	var err error
	switch {
	case a.Name == AttrCryptographicAlgorithm:
		var v uint32
		v, err = a.enumValue()
		o.Algorithm = Algorithm(v)
	case a.Name == AttrCryptographicLength:
		o.Length, err = a.intValue()
	case a.Name == AttrCryptographicUsageMask:
		var v int32
		v, err = a.intValue()
		o.Usage = UsageMask(v)
	case a.Name == AttrName:
		var n string
		if n, err = a.NameValue(); err == nil && n == "" {
			err = fmt.Errorf("empty Name")
		}
		o.Names = append(o.Names, n)
	case a.Name == AttrActivationDate:
		var t time.Time
		if t, err = a.Value.Time(); err == nil {
			if t.After(now) {
				return failure(ReasonFeatureNotSupported, "this server cannot activate keys at a future date")
			}
			o.State, o.Activated = StateActive, now
		}
	case a.Name == AttrOperationPolicyName, strings.HasPrefix(a.Name, "x-"), strings.HasPrefix(a.Name, "y-"):
		// Policies do not apply here and custom attributes mean nothing to
		// the server: accept and drop them, as KMIP allows.
	default:
		return failure(ReasonInvalidField, "attribute %q cannot be set by Create on this server", a.Name)
	}
	if err != nil {
		return invalid(err)
	}
	return nil
}

func (s *Server) activate(p ttlv.Item) (ttlv.Item, *Error) {
	id, err := parseUID(p)
	if err != nil {
		return ttlv.Item{}, invalid(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, e := s.lookup(id)
	if e != nil {
		return ttlv.Item{}, e
	}
	if cur.State != StatePreActive {
		return ttlv.Item{}, failure(ReasonIllegalOperation, "object %s is %v; only Pre-Active objects can be activated", id, cur.State)
	}
	o := cur.Clone()
	o.State, o.Activated = StateActive, s.now()
	if e := s.commit(o); e != nil {
		return ttlv.Item{}, e
	}
	return uidPayload(TagResponsePayload, id), nil
}

func (s *Server) get(p ttlv.Item) (ttlv.Item, *Error) {
	req, err := parseGetRequest(p)
	if err != nil {
		return ttlv.Item{}, invalid(err)
	}
	format := req.Format
	switch format {
	case 0:
		format = KeyFormatRaw
	case KeyFormatRaw, KeyFormatTransparentSymmetricKey:
	default:
		return ttlv.Item{}, failure(ReasonKeyFormatNotSupported, "symmetric keys are served as Raw or Transparent Symmetric Key, not %v", format)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, e := s.lookup(req.ID)
	if e != nil {
		return ttlv.Item{}, e
	}
	// The response is encoded before s.mu is released and holds a copy, so
	// wiping the object's material later cannot race with the write.
	return GetResponse{ObjectType: o.Type, ID: o.ID, Key: SymmetricKey{
		Format: format, Algorithm: o.Algorithm, Length: o.Length, Material: slices.Clone(o.Material),
	}}.Item(), nil
}

func (s *Server) locate(p ttlv.Item) (ttlv.Item, *Error) {
	req, err := parseLocateRequest(p)
	if err != nil {
		return ttlv.Item{}, invalid(err)
	}
	match, e := locateFilter(req.Attributes)
	if e != nil {
		return ttlv.Item{}, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for _, id := range s.order {
		if req.MaxItems > 0 && len(ids) >= int(req.MaxItems) {
			break
		}
		if match(s.objects[id]) {
			ids = append(ids, id)
		}
	}
	return LocateResponse{IDs: ids}.Item(), nil
}

// locateFilter turns Locate's attributes into a predicate. Destroyed
// objects match only when a State attribute asks for them.
func locateFilter(attrs []Attribute) (func(*Object) bool, *Error) {
	var tests []func(*Object) bool
	wantState := false
	for _, a := range attrs {
		var err error
		switch a.Name {
		case AttrName:
			var n string
			n, err = a.NameValue()
			tests = append(tests, func(o *Object) bool { return slices.Contains(o.Names, n) })
		case AttrObjectType:
			var v uint32
			v, err = a.enumValue()
			tests = append(tests, func(o *Object) bool { return o.Type == ObjectType(v) })
		case AttrCryptographicAlgorithm:
			var v uint32
			v, err = a.enumValue()
			tests = append(tests, func(o *Object) bool { return o.Algorithm == Algorithm(v) })
		case AttrCryptographicLength:
			var v int32
			v, err = a.intValue()
			tests = append(tests, func(o *Object) bool { return o.Length == v })
		case AttrCryptographicUsageMask:
			var v int32
			v, err = a.intValue()
			tests = append(tests, func(o *Object) bool { return o.Usage&UsageMask(v) == UsageMask(v) })
		case AttrState:
			var v uint32
			v, err = a.enumValue()
			wantState = true
			tests = append(tests, func(o *Object) bool { return o.State == State(v) })
		default:
			return nil, failure(ReasonInvalidField, "Locate cannot match attribute %q on this server", a.Name)
		}
		if err != nil {
			return nil, invalid(err)
		}
	}
	return func(o *Object) bool {
		if o.destroyed() && !wantState {
			return false
		}
		for _, t := range tests {
			if !t(o) {
				return false
			}
		}
		return true
	}, nil
}

func (s *Server) revoke(p ttlv.Item) (ttlv.Item, *Error) {
	req, err := parseRevokeRequest(p)
	if err != nil {
		return ttlv.Item{}, invalid(err)
	}
	if _, ok := revocationNames[req.Reason]; !ok {
		return ttlv.Item{}, failure(ReasonInvalidField, "unknown revocation reason %v", req.Reason)
	}
	compromise := req.Reason == RevocationKeyCompromise || req.Reason == RevocationCACompromise
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.objects[req.ID]
	if !ok || cur.destroyed() && !compromise {
		return ttlv.Item{}, failure(ReasonItemNotFound, "no live object with Unique Identifier %q", req.ID)
	}
	o := cur.Clone()
	now := s.now()
	switch {
	case compromise && (o.State == StateCompromised || o.State == StateDestroyedCompromised):
		return ttlv.Item{}, failure(ReasonIllegalOperation, "object %s is already %v", req.ID, o.State)
	case compromise && o.State == StateDestroyed:
		o.State = StateDestroyedCompromised
	case compromise:
		o.State = StateCompromised
	case o.State == StateActive:
		o.State, o.Deactivated = StateDeactivated, now
	default:
		return ttlv.Item{}, failure(ReasonIllegalOperation, "object %s is %v; only Active objects can be revoked for %v", req.ID, o.State, req.Reason)
	}
	if compromise {
		o.Compromised, o.CompromiseOccurred = now, req.CompromiseOccurred
	}
	o.Revocation, o.RevocationMessage = req.Reason, req.Message
	if e := s.commit(o); e != nil {
		return ttlv.Item{}, e
	}
	return uidPayload(TagResponsePayload, req.ID), nil
}

func (s *Server) destroy(p ttlv.Item) (ttlv.Item, *Error) {
	id, err := parseUID(p)
	if err != nil {
		return ttlv.Item{}, invalid(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, e := s.lookup(id)
	if e != nil {
		return ttlv.Item{}, e
	}
	if cur.State == StateActive {
		return ttlv.Item{}, failure(ReasonPermissionDenied, "object %s is Active and cannot be destroyed; revoke it first", id)
	}
	o := cur.Clone()
	if o.State == StateCompromised {
		o.State = StateDestroyedCompromised
	} else {
		o.State = StateDestroyed
	}
	o.Destroyed = s.now()
	kcrypto.Wipe(o.Material)
	o.Material = nil
	if e := s.commit(o); e != nil {
		return ttlv.Item{}, e
	}
	// The replaced record's key is gone from the server's memory too.
	kcrypto.Wipe(cur.Material)
	return uidPayload(TagResponsePayload, id), nil
}
