package engine

import "time"

// keyhost's objects hold a few KB each, whatever capacity they stand for,
// so real work takes microseconds. The work pace makes long operations
// take time that scales with the data they would move on a real system:
// a vSAN deep rekey, enablement or disablement rewrites every disk group,
// which takes pace × the group's capacity in GiB per disk group (a
// shallow rekey rewraps keys only and takes no extra time), so scripts and
// tests can watch a task run (VsanConfig.Changing, the health, the
// resyncing components). The cmdlet layer paces VM operations that rewrite
// disks the same way. The pace is the running world's, not its state's:
// it is not saved.

// SetWorkPace sets the simulated time per GiB of data an operation
// rewrites; 0 (the default) makes operations as fast as the machine.
func (w *World) SetWorkPace(perGiB time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pace = max(perGiB, 0)
}

// WorkPace returns the simulated time per GiB rewritten (SetWorkPace).
func (w *World) WorkPace() time.Duration {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.pace
}

// vsanStepDelay is how long rewriting one disk group of r's cluster
// takes; callers hold the lock.
func (w *World) vsanStepDelay(r *vsanRun) time.Duration {
	if w.pace == 0 || !r.job.movesData() || len(r.c.Vsan.DiskGroups) == 0 {
		return 0
	}
	gib := int64(1)
	if ds := w.datastores[r.c.Vsan.Datastore]; ds != nil {
		gib = max(ds.CapacityMB/1024/int64(len(r.c.Vsan.DiskGroups)), 1)
	}
	return time.Duration(gib) * w.pace
}
