package engine

import (
	"fmt"
	"sync"
	"time"

	kcrypto "github.com/keyhost/keyhost/engine/crypto"
)

// A vSAN encryption operation is a task, as in vSphere: it starts, hosts
// rewrite (or rewrap) their disk groups one after the other while
// DataEncryptionConfig.changing is true, and it ends. keyhost runs the
// work in the background, one disk group per step under the world's lock,
// and commits everything at the end under the lock, so the state file and
// every read see the cluster either as it was or as it is afterwards;
// while the task runs, only Changing, the task's progress, the health
// (yellow) and the resyncing components show it. A task that fails, or a
// process that exits before it ends, changes nothing.

// VsanTask is a running or finished vSAN encryption operation.
type VsanTask struct {
	cluster   string
	operation string
	total     int
	job       vsanJob

	mu       sync.Mutex
	done     int
	err      error
	finished chan struct{}
}

// Operation names the task ("Shallow rekey of vSAN encryption").
func (t *VsanTask) Operation() string { return t.operation }

// Cluster is the MoRef of the cluster the task works on.
func (t *VsanTask) Cluster() MoRef { return MoRef{TypeCluster, t.cluster} }

// Progress returns how many disk groups are done, of how many.
func (t *VsanTask) Progress() (done, total int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.done, t.total
}

// Done is closed when the task has ended.
func (t *VsanTask) Done() <-chan struct{} { return t.finished }

// Wait waits for the task to end and returns its error (a *Fault), or nil.
func (t *VsanTask) Wait() error {
	<-t.finished
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

// finishedTask is a task that had nothing to do in the background.
func finishedTask(c *clusterRecord, operation string) *VsanTask {
	t := &VsanTask{cluster: c.ID, operation: operation, finished: make(chan struct{})}
	close(t.finished)
	return t
}

// vsanJob is what a task does.
type vsanJob struct {
	op           CryptoOp
	provider     string
	move         bool // a shallow recrypt onto another provider
	erase        bool
	allowReduced bool
}

// operationName is how the task is called, after vSphere's task names.
func (j vsanJob) operationName() string {
	switch j.op {
	case CryptoEncrypt:
		return "Enable vSAN encryption"
	case CryptoDecrypt:
		return "Disable vSAN encryption"
	case CryptoDeepRecrypt:
		return "Deep rekey of vSAN encryption"
	}
	if j.move {
		return "Shallow rekey of vSAN encryption to key provider " + j.provider
	}
	return "Shallow rekey of vSAN encryption"
}

// movesData reports whether the job rewrites the data of every disk group
// (a disk format change), rather than only rewrapping DEKs.
func (j vsanJob) movesData() bool { return j.op != CryptoShallowRecrypt }

// vsanRun is a task's work in progress; used under the world's lock.
type vsanRun struct {
	task    *VsanTask
	job     vsanJob
	c       *clusterRecord
	hosts   []*hostRecord
	kr      *keyring
	old     *providerRecord
	p       *providerRecord
	kek     *newKey
	hostKey *newKey
	results []objectRecord
	// faultAfter fails the task after that many disk groups (InjectFault).
	faultAfter int
}

// startVsanTask checks, mints the new keys and starts the background
// work; callers hold the write lock.
func (w *World) startVsanTask(c *clusterRecord, job vsanJob) (*VsanTask, error) {
	ref := MoRef{TypeCluster, c.ID}
	v := c.Vsan
	r := &vsanRun{job: job, c: c, faultAfter: -1}
	for _, h := range w.st.Hosts {
		if h.Cluster == c.ID {
			r.hosts = append(r.hosts, h)
		}
	}
	var prepare []*hostRecord
	for _, h := range r.hosts {
		p, err := checkHostTakesKeys(h)
		if err != nil {
			return nil, err
		}
		if p {
			prepare = append(prepare, h)
		}
	}
	if len(r.hosts) == 0 {
		return nil, invalidState(ref, "Cluster %s has no hosts.", c.Name)
	}
	r.kr = w.hostKeyring(r.hosts[0], true)
	fail := func(err error) (*VsanTask, error) {
		r.kr.close()
		return nil, err
	}
	if job.op != CryptoEncrypt {
		old, err := w.keyProviderOf(ref, "vSAN cluster "+c.Name, v.Kek)
		if err != nil {
			return fail(err)
		}
		if err := w.remediate(r.hosts, old); err != nil {
			return fail(err)
		}
		if err := checkServe(old, r.hosts...); err != nil {
			return fail(err)
		}
		r.old = old
	}
	if job.op.needsKey() {
		p, err := w.resolveProvider(job.provider, c.ID, ref, "vSAN cluster "+c.Name)
		if err != nil {
			return fail(err)
		}
		if err := w.remediate(r.hosts, p); err != nil {
			return fail(err)
		}
		if err := checkServe(p, r.hosts...); err != nil {
			return fail(err)
		}
		r.p = p
		if r.kek, err = r.kr.mint(p); err != nil {
			return fail(runtimeFault(ref, fmt.Errorf("vSAN encryption of cluster %s: %w", c.Name, err)))
		}
		if r.hostKey, err = r.kr.mint(p); err != nil {
			return fail(runtimeFault(ref, fmt.Errorf("vSAN encryption of cluster %s: %w", c.Name, err)))
		}
	}
	if after, armed := w.fire(FaultVsanDiskGroup); armed {
		r.faultAfter = after
	}
	r.results = make([]objectRecord, len(v.DiskGroups))
	r.task = &VsanTask{cluster: c.ID, operation: job.operationName(), total: len(v.DiskGroups), job: job, finished: make(chan struct{})}
	v.task = r.task
	w.tasks.Add(1)
	go w.runVsanTask(r, prepare)
	return r.task, nil
}

// runVsanTask does the disk groups one by one, then commits or fails.
func (w *World) runVsanTask(r *vsanRun, prepare []*hostRecord) {
	defer w.tasks.Done()
	var err error
	for i := range r.results {
		w.mu.RLock()
		delay := w.vsanStepDelay(r)
		w.mu.RUnlock()
		time.Sleep(delay)
		if err = w.vsanStep(r, i); err != nil {
			break
		}
		r.task.mu.Lock()
		r.task.done = i + 1
		r.task.mu.Unlock()
		if hook := w.cfg.vsanStep; hook != nil {
			hook(r.c.ID, i+1, len(r.results))
		}
	}
	w.mu.Lock()
	if err == nil {
		err = w.commitVsanTask(r, prepare)
	}
	r.c.Vsan.task = nil
	r.kr.close()
	w.mu.Unlock()
	r.task.mu.Lock()
	r.task.err = err
	r.task.mu.Unlock()
	close(r.task.finished)
}

// vsanStep rewrites or rewraps disk group i on its host.
func (w *World) vsanStep(r *vsanRun, i int) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	ref := MoRef{TypeCluster, r.c.ID}
	g := r.c.Vsan.DiskGroups[i]
	if r.faultAfter >= 0 && i >= r.faultAfter {
		return runtimeFault(ref, fmt.Errorf("%s disk group %s of cluster %s: %w", r.job.op.verb(), w.hostName(g.Host), r.c.Name, &errInjected{point: FaultVsanDiskGroup, after: r.faultAfter}))
	}
	kr := r.kr
	if h := w.hosts[g.Host]; h != nil {
		kr = r.kr.on(h)
	}
	res, err := kr.apply(r.job.op, &g.Object, r.kek)
	if err != nil {
		return runtimeFault(ref, fmt.Errorf("%s disk group %s of cluster %s: %w", r.job.op.verb(), w.hostName(g.Host), r.c.Name, err))
	}
	r.results[i] = res
	return nil
}

// commitVsanTask applies a finished task; callers hold the write lock.
// Providers may have gone while it ran: then it changes nothing.
func (w *World) commitVsanTask(r *vsanRun, prepare []*hostRecord) error {
	ref := MoRef{TypeCluster, r.c.ID}
	for _, p := range []*providerRecord{r.old, r.p} {
		if p != nil && w.providers[p.Name] != p {
			return invalidState(ref, "Key provider %s was removed while the vSAN encryption task of cluster %s ran; nothing was changed.", p.Name, r.c.Name)
		}
	}
	v := r.c.Vsan
	replaced := keyRefsOf(&objectRecord{Key: v.Kek}, &objectRecord{Key: v.HostKey})
	r.kr.commit()
	for i, g := range v.DiskGroups {
		old := g.Object.Data
		g.Object = r.results[i]
		if r.job.erase && r.job.movesData() {
			// EraseDisksBeforeUse: the blocks the old layout used are
			// wiped before vSAN uses them again.
			kcrypto.Wipe(old)
		}
	}
	for _, h := range prepare {
		prepareHost(h)
	}
	v.EraseDisksBeforeUse = r.job.erase
	if r.job.op == CryptoDecrypt {
		v.EncryptionEnabled, v.Provider, v.Kek, v.HostKey = false, "", nil, nil
	} else {
		v.EncryptionEnabled, v.Provider = true, r.p.Name
		v.Kek, v.HostKey = cloneKey(&r.kek.ref), cloneKey(&r.hostKey.ref)
		markVsanHostsSafe(r.hosts, v.HostKey)
	}
	if r.job.op == CryptoDeepRecrypt {
		v.DekGeneration++
	}
	w.dropUnusedKEKs(r.c.ID, replaced)
	w.changed()
	return nil
}
