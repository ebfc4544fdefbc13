"""What the worker does to itself before it runs student code: limits and confinement.

- resource limits: address space (memory cap), file size, no core dumps;
- namespaces (``unshare_namespaces``, ``map_ids``): user, PID, network (empty) and IPC
  namespaces of its own, so that its processes, SysV/POSIX IPC objects and mounts all go
  with it; inside, it becomes an unprivileged user (``STUDENT_ID``, nobody outside);
- files: a minimal root of its own (``rootfs.py``: the Python installation, a copy of its
  submission, its scratch tmpfs, a few devices), so no socket, device or file of the host
  is there to reach; Landlock as a second layer: it reads only those, writes only scratch.
  Where no new root can be made, every mount but scratch is made read-only instead
  (``_read_only_mounts``), since Landlock does not cover chmod, chown, utime or xattrs.

Each step reports whether it worked; the grading process warns loudly when one did not.
"""

import ctypes
import os
import resource
import sys

from nnbasics.sandbox import rootfs

CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_NOSUID, MS_NODEV = 0x2, 0x4
MOUNT_ATTR_RDONLY = 0x1
PR_SET_NO_NEW_PRIVS = 38
STUDENT_ID = 1000         # the student's uid and gid inside its user namespace ...
STUDENT_HOST_ID = 65534   # ... and outside it: "nobody", who owns nothing on the host

# What a Python process with numpy reads besides the Python installation (shared
# libraries, CPU facts numpy/OpenBLAS read, device nodes): the Landlock rules.
SYSTEM_READ = ["/usr", "/lib", "/lib64", "/etc", "/proc/cpuinfo", "/proc/meminfo",
               "/sys/devices/system/cpu", *rootfs.DEVICES]


def _set_limit(kind: int, value: int) -> None:
    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, value if hard == resource.RLIM_INFINITY else hard))


def limit_cpu(seconds: int) -> None:
    """A CPU-time backstop for a forked exercise (the wall-clock limit is the parent's)."""
    _set_limit(resource.RLIMIT_CPU, max(1, int(seconds)))


def unshare_namespaces() -> dict:
    """New user, PID, network and IPC namespaces for this process's children; what took effect.

    The PID namespace lets the grading process end every process student code started at
    once; the network namespace has no interface but a loopback that is down; SysV and
    POSIX IPC objects made in the IPC namespace vanish with it and cannot reach the host's.
    The parent then writes the user namespace's id maps (``map_ids``).
    """
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC) == 0:
        return {"network": "ok", "processes": "ok", "ipc": "ok"}
    reason = f"unavailable ({os.strerror(ctypes.get_errno())})"
    if libc.unshare(CLONE_NEWNET | CLONE_NEWIPC) == 0:  # possible for root without user namespaces
        return {"network": "ok", "processes": reason, "ipc": "ok"}
    return {"network": reason, "processes": reason, "ipc": reason}


def map_ids(pid: int) -> dict:
    """Write the id maps of ``pid``'s new user namespace (from its parent, outside it).

    Our uid is root inside, with every capability there and none over the rest of the
    machine: enough to build the minimal root, which also needs our files readable. Where
    we may map a second id (we are root outside), ``STUDENT_ID`` is nobody outside, and
    the worker becomes it once its root is built: no capability even in its namespaces
    (no remounting its read-only mounts), and the host's files as any other user sees them.
    A process may map only its own id into a namespace it made, hence the parent does it.
    """
    uid, gid = os.getuid(), os.getgid()

    def write(name: str, text: str) -> None:
        with open(f"/proc/{pid}/{name}", "w") as f:
            f.write(text)

    try:
        write("uid_map", f"0 {uid} 1\n{STUDENT_ID} {STUDENT_HOST_ID} 1")
        write("gid_map", f"0 {gid} 1\n{STUDENT_ID} {STUDENT_HOST_ID} 1")
        return {"unprivileged": "ok"}
    except OSError as error:
        reason = f"unavailable (only the grading user's own id can be mapped: {error.strerror})"
    write("setgroups", "deny")  # what the kernel requires before an unprivileged gid_map
    write("uid_map", f"0 {uid} 1")
    write("gid_map", f"0 {gid} 1")
    return {"unprivileged": reason}


def _read_only_mounts(scratch: str, scratch_bytes: int) -> str:
    """A mount namespace of its own where every mount is read-only but ``scratch``, a new
    tmpfs of ``scratch_bytes`` (gone with the namespace).

    Landlock stops writes to file contents but not chmod, chown, utime or setxattr: a
    read-only mount stops those too (a student could otherwise lock the graders or the
    gradebook away from the instructor, or open them to everyone).
    """
    try:
        rootfs.unshare_mounts()
        rootfs.mount("tmpfs", scratch, "tmpfs", MS_NOSUID | MS_NODEV, f"size={scratch_bytes},mode=0700")
        rootfs.set_attr("/", attr_set=MOUNT_ATTR_RDONLY, recursive=True)
        rootfs.set_attr(scratch, attr_clr=MOUNT_ATTR_RDONLY, recursive=True)
    except OSError as error:
        return f"unavailable ({error.strerror})"
    return "ok"


def _python_paths() -> list[str]:
    """Where the interpreter and installed packages live, never the course folder."""
    import site
    import sysconfig

    paths = {sys.base_prefix, sys.base_exec_prefix, sys.executable, os.path.join(sys.prefix, "pyvenv.cfg")}
    paths.update(sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib"))
    paths.update(site.getsitepackages())
    return sorted({os.path.realpath(p) for p in paths if os.path.exists(p)} | {p for p in paths if os.path.exists(p)})


def _landlock(read: list[str], write: list[str]) -> str:
    try:
        import landlock
        from landlock.plumbing import FSAccess
    except ImportError:
        return "unavailable (the landlock package is not installed)"
    # landlock 1.0.0.dev5 reads a stale errno as failure: clear it before every call.
    def clean(call, *args, **kwargs):
        ctypes.set_errno(0)
        return call(*args, **kwargs)

    try:
        ruleset = clean(landlock.Ruleset)
        readable = FSAccess.READ_FILE | FSAccess.READ_DIR | FSAccess.EXECUTE
        for path in read:
            if os.path.exists(path):
                rules = readable if os.path.isdir(path) else FSAccess.READ_FILE | FSAccess.EXECUTE
                clean(ruleset.allow, path, rules=rules)
        for path in write:
            clean(ruleset.allow, path, rules=FSAccess.all())
        clean(ruleset.allow, "/dev/null", rules=FSAccess.WRITE_FILE | FSAccess.READ_FILE)
        clean(ruleset.apply)
    except Exception as error:  # kernel without Landlock, seccomp refusing it, ...
        return f"unavailable ({type(error).__name__}: {error})"
    return "ok"


def _minimal_root(settings: dict, student: bool) -> dict:
    """Enter a root of our own (``rootfs.build``); or, failing that, read-only mounts."""
    scratch, size = settings["scratch"], settings["scratch_limit"]
    owner = (STUDENT_ID, STUDENT_ID) if student else (os.getuid(), os.getgid())
    try:
        rootfs.unshare_mounts()
        rootfs.build(scratch, settings["folder"], scratch, _python_paths(), size, owner)
    except OSError as error:  # no mount namespace, no new procfs here, ...
        done = {"minimal root": f"unavailable ({error.strerror or error})", "mounts": _read_only_mounts(scratch, size)}
    else:
        done = {"minimal root": "ok", "mounts": "ok"}
    os.chdir(settings["folder"])  # again: building the root went elsewhere
    return done


def _become_student() -> str:
    """Drop to ``STUDENT_ID``: no capability left, not even inside the namespaces."""
    try:
        os.setgroups([])
        os.setresgid(STUDENT_ID, STUDENT_ID, STUDENT_ID)
        os.setresuid(STUDENT_ID, STUDENT_ID, STUDENT_ID)
    except OSError as error:
        return f"unavailable ({error.strerror})"
    return "ok"


def prepare(settings: dict, status: dict) -> dict:
    """Limit and confine this (already forked, already imported) worker, PID 1 of its
    namespaces; ``status`` says what the namespaces gave. Returns what took effect."""
    os.chdir(settings["folder"])
    scratch = settings["scratch"]
    os.environ.update(HOME=scratch, TMPDIR=scratch, MPLCONFIGDIR=scratch)
    sys.path.append(settings["folder"])  # a kernel can import modules beside its notebook
    _set_limit(resource.RLIMIT_CORE, 0)
    _set_limit(resource.RLIMIT_FSIZE, settings["file_limit"])
    _set_limit(resource.RLIMIT_AS, settings["memory_limit"])
    # Output written straight to the file descriptors (C code, os.write) goes nowhere.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    if not settings.get("isolate", True):
        return {"files": "off", "unprivileged": "off"}
    student = status.get("unprivileged") == "ok"
    done = _minimal_root(settings, student)  # before Landlock, which forbids mounting
    read, write = [settings["folder"], *_python_paths(), *SYSTEM_READ], [scratch]
    if done["minimal root"] == "ok":
        write.append("/dev/shm")  # a folder of the scratch tmpfs
        if student:
            done["unprivileged"] = _become_student()
    elif student:  # the host's folders as they are: the student's user may not read the submission
        done["unprivileged"] = "unavailable (no minimal root)"
    ctypes.CDLL(None).prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)  # no set-user-ID program gives it back
    return {**done, "files": _landlock(read, write)}
