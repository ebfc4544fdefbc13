"""What the worker does to itself before it runs student code: limits and confinement.

- resource limits: address space (memory cap), file size, no core dumps;
- namespaces (``enter_namespaces``): no network, and a PID namespace of its own;
- files: Landlock lets it read only its submission folder and the Python installation,
  and write only its scratch folder; every mount but the scratch folder is read-only in
  a mount namespace of its own, because Landlock does not cover chmod, chown, utime or
  extended attributes (``_read_only_mounts``); the scratch folder is a size-capped
  tmpfs there, so many files cannot fill the machine's disk either.

Each step reports whether it worked; the grading process warns loudly when one did not.
"""

import ctypes
import os
import resource
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_NOSUID, MS_NODEV, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x4000, 0x40000
AT_FDCWD, AT_RECURSIVE, MOUNT_ATTR_RDONLY = -100, 0x8000, 0x1
SYS_MOUNT_SETATTR = 442  # the same number on every architecture

# Read-only system locations a Python process with numpy needs (shared libraries, CPU
# facts numpy/OpenBLAS read, device nodes).
SYSTEM_READ = ["/usr", "/lib", "/lib64", "/etc", "/proc/cpuinfo", "/proc/meminfo",
               "/sys/devices/system/cpu", "/dev/null", "/dev/urandom", "/dev/zero"]


def _set_limit(kind: int, value: int) -> None:
    _, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, value if hard == resource.RLIM_INFINITY else hard))


def limit_cpu(seconds: int) -> None:
    """A CPU-time backstop for a forked exercise (the wall-clock limit is the parent's)."""
    _set_limit(resource.RLIMIT_CPU, max(1, int(seconds)))


def enter_namespaces() -> dict:
    """New user, PID and network namespaces for this process's children; what took effect.

    The user namespace maps our uid to root inside it (so files keep their owner) while
    dropping every capability over the rest of the machine; the PID namespace lets the
    grading process end every process student code started at once; the network
    namespace has no interface but a loopback that is down.
    """
    uid, gid = os.getuid(), os.getgid()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET) == 0:
        for name, text in (("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")):
            with open(f"/proc/self/{name}", "w") as f:
                f.write(text)
        return {"network": "ok", "processes": "ok"}
    reason = os.strerror(ctypes.get_errno())
    if libc.unshare(CLONE_NEWNET) == 0:
        return {"network": "ok", "processes": f"unavailable ({reason})"}
    return {"network": f"unavailable ({reason})", "processes": f"unavailable ({reason})"}


class _MountAttr(ctypes.Structure):  # struct mount_attr
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


def _read_only_mounts(scratch: str, scratch_bytes: int) -> str:
    """A mount namespace of its own where every mount is read-only but ``scratch``, a new
    tmpfs of ``scratch_bytes`` (gone with the namespace).

    Landlock stops writes to file contents but not chmod, chown, utime or setxattr: a
    read-only mount stops those too (a student could otherwise lock the graders or the
    gradebook away from the instructor, or open them to everyone).
    """
    libc = ctypes.CDLL(None, use_errno=True)

    def check(result: int, step: str) -> None:
        if result != 0:
            raise OSError(ctypes.get_errno(), f"{step}: {os.strerror(ctypes.get_errno())}")

    def mount_setattr(path: str, **attr) -> None:
        attr = _MountAttr(**attr)
        check(libc.syscall(ctypes.c_long(SYS_MOUNT_SETATTR), ctypes.c_long(AT_FDCWD), ctypes.c_char_p(path.encode()),
                           ctypes.c_long(AT_RECURSIVE), ctypes.byref(attr), ctypes.c_long(ctypes.sizeof(attr))),
              f"mount_setattr {path}")

    try:
        check(libc.unshare(CLONE_NEWNS), "unshare")
        check(libc.mount(b"none", b"/", None, ctypes.c_ulong(MS_REC | MS_PRIVATE), None), "private")
        check(libc.mount(b"tmpfs", scratch.encode(), b"tmpfs", ctypes.c_ulong(MS_NOSUID | MS_NODEV),
                         f"size={scratch_bytes},mode=0700".encode()), "tmpfs")
        mount_setattr("/", attr_set=MOUNT_ATTR_RDONLY)
        mount_setattr(scratch, attr_clr=MOUNT_ATTR_RDONLY)
    except OSError as error:
        return f"unavailable ({error.strerror})"
    return "ok"


def _python_paths() -> list[str]:
    """Where the interpreter and installed packages live, never the course folder."""
    import site
    import sysconfig

    paths = {sys.base_prefix, sys.base_exec_prefix}
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


def prepare(settings: dict) -> dict:
    """Limit and confine this (already forked, already imported) worker; what took effect."""
    os.chdir(settings["folder"])
    os.environ.update(HOME=settings["scratch"], TMPDIR=settings["scratch"])
    sys.path.append(settings["folder"])  # a kernel can import modules beside its notebook
    _set_limit(resource.RLIMIT_CORE, 0)
    _set_limit(resource.RLIMIT_FSIZE, settings["file_limit"])
    _set_limit(resource.RLIMIT_AS, settings["memory_limit"])
    # Output written straight to the file descriptors (C code, os.write) goes nowhere.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    if not settings.get("isolate", True):
        return {"files": "off"}
    # Before Landlock, which forbids mounting.
    mounts = _read_only_mounts(settings["scratch"], settings["scratch_limit"])
    read = [settings["folder"], *_python_paths(), *SYSTEM_READ]
    return {"files": _landlock(read, [settings["scratch"]]), "mounts": mounts}
