package value

import (
	"fmt"
	"strings"
)

// CallMethod implements MethodCaller: the System.DateTime methods
// scripts call ($d.AddDays(-7), $d.ToString('yyyy-MM-dd'), ...).
func (d DateTime) CallMethod(name string, args []any) (any, bool, error) {
	n := len(args)
	num := func(i int) (float64, error) { return ToFloat64(args[i]) }
	switch strings.ToLower(name) {
	case "adddays", "addhours", "addminutes", "addseconds", "addmilliseconds":
		if n != 1 {
			break
		}
		f, err := num(0)
		if err != nil {
			return nil, true, err
		}
		scale := map[string]int64{"adddays": TicksPerDay, "addhours": TicksPerHour, "addminutes": TicksPerMinute,
			"addseconds": TicksPerSecond, "addmilliseconds": TicksPerMillisecond}[strings.ToLower(name)]
		r, err := d.addScaled(f, scale)
		return r, true, err
	case "addticks":
		if n != 1 {
			break
		}
		t, err := ToInt64(args[0])
		if err != nil {
			return nil, true, err
		}
		r, err := d.AddTicks(t)
		return r, true, err
	case "addmonths", "addyears":
		if n != 1 {
			break
		}
		k, err := ToInt32(args[0])
		if err != nil {
			return nil, true, err
		}
		months := int(k)
		if strings.EqualFold(name, "addyears") {
			if k < -10000 || k > 10000 {
				return nil, true, fmt.Errorf("Years value must be between +/-10000. (Parameter 'years')")
			}
			months *= 12
		}
		r, err := d.AddMonths(months)
		return r, true, err
	case "add":
		if n != 1 {
			break
		}
		r, err := d.OpAddition(args[0])
		return r, true, err
	case "subtract":
		if n != 1 {
			break
		}
		switch args[0].(type) {
		case DateTime, TimeSpan:
			r, err := d.OpSubtraction(args[0])
			return r, true, err
		}
		o, err := ToDateTime(args[0])
		if err != nil {
			return nil, true, err
		}
		r, err := d.OpSubtraction(o)
		return r, true, err
	case "tostring":
		switch n {
		case 0:
			return d.DisplayString(), true, nil
		case 1, 2:
			f := ToString(args[0])
			if IsNull(args[0]) || f == "" {
				return d.DisplayString(), true, nil
			}
			s, err := d.formatErr(f, enUSDates)
			return s, true, err
		}
	case "toshortdatestring":
		return d.Format("d"), true, nil
	case "tolongdatestring":
		return d.Format("D"), true, nil
	case "toshorttimestring":
		return d.Format("t"), true, nil
	case "tolongtimestring":
		return d.Format("T"), true, nil
	case "touniversaltime":
		return d.ToUniversalTime(), true, nil
	case "tolocaltime":
		return d.ToLocalTime(nil), true, nil
	case "tofiletime", "tofiletimeutc":
		u := d
		if strings.EqualFold(name, "tofiletime") {
			u = d.ToUniversalTime()
		}
		const fileTimeEpoch = 504911232000000000 // 1601-01-01 in ticks
		return u.Ticks() - fileTimeEpoch, true, nil
	case "isdaylightsavingtime":
		return d.kind == KindLocal && d.t.IsDST(), true, nil
	case "compareto":
		if n == 1 {
			c, err := d.CompareTo(args[0])
			return int32(c), true, err
		}
	case "equals":
		if n == 1 {
			return d.EqualTo(args[0]), true, nil
		}
	case "getdatetimeformats":
		return nil, false, nil
	}
	return nil, false, nil
}
