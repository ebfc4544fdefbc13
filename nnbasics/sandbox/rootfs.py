"""A minimal filesystem for the student process: a fresh root on a tmpfs, entered with pivot_root.

Landlock and an empty network namespace do not stop ``connect()`` to a pathname UNIX
socket (a PostgreSQL server with "peer" authentication, a session bus, ...): what is not
in the process's filesystem at all cannot be reached. The new root holds only

- the Python installation and ``/usr`` (libraries), read-only, at their own paths;
- a read-only copy of the submission folder at its own path (a copy, not a bind mount:
  the student's unprivileged user could not read a folder only its owner may enter);
- the scratch folder, a tmpfs that the student's user owns, also seen as ``/dev/shm``;
- ``/dev/null``, ``/dev/zero``, ``/dev/random``, ``/dev/urandom``, a fresh ``/proc`` of the
  process's own PID namespace and the CPU facts in ``/sys/devices/system/cpu``.

Everything mounted here lives in the worker's own mount namespace and goes with it.
"""

from __future__ import annotations

import ctypes
import os
import platform
import shutil

CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x1, 0x2, 0x4, 0x8
MS_BIND, MS_REC, MS_PRIVATE = 0x1000, 0x4000, 0x40000
MNT_DETACH = 0x2
AT_FDCWD, AT_RECURSIVE = -100, 0x8000
MOUNT_ATTR_RDONLY, MOUNT_ATTR_NOSUID, MOUNT_ATTR_NODEV = 0x1, 0x2, 0x4
SYS_MOUNT_SETATTR = 442  # the same number on every architecture
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}.get(platform.machine(), -1)  # glibc has no wrapper

DEVICES = ("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom")
SYSTEM = ("/usr", "/sys/devices/system/cpu", "/etc/ld.so.cache")  # libraries, CPU facts, the loader's cache
USR_LINKS = ("/bin", "/lib", "/lib64", "/sbin")  # merged-/usr links (or folders, on older systems)
SHM = ".dev-shm"  # the scratch tmpfs's folder that is /dev/shm

_libc = ctypes.CDLL(None, use_errno=True)


class _MountAttr(ctypes.Structure):  # struct mount_attr
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


def _check(result: int, step: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{step}: {os.strerror(errno)}")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    _check(_libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(),
                       ctypes.c_ulong(flags), data and data.encode()), f"mount {target}")


def set_attr(path: str, attr_set: int = 0, attr_clr: int = 0, recursive: bool = False) -> None:
    attr = _MountAttr(attr_set=attr_set, attr_clr=attr_clr)
    _check(_libc.syscall(ctypes.c_long(SYS_MOUNT_SETATTR), ctypes.c_long(AT_FDCWD), ctypes.c_char_p(path.encode()),
                         ctypes.c_long(AT_RECURSIVE if recursive else 0), ctypes.byref(attr),
                         ctypes.c_long(ctypes.sizeof(attr))), f"mount_setattr {path}")


def unshare_mounts() -> None:
    """A mount namespace of our own, whose mounts no longer propagate to the host's."""
    _check(_libc.unshare(CLONE_NEWNS), "unshare")
    mount(None, "/", None, MS_REC | MS_PRIVATE)


def _bind(root: str, path: str, writable_devices: bool = False) -> None:
    """``path`` at the same place under ``root``, read-only, without set-user-ID."""
    target = root + path
    if os.path.isdir(path):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "a").close()
    mount(path, target, None, MS_BIND)
    set_attr(target, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | (0 if writable_devices else MOUNT_ATTR_NODEV))


def _top_level(paths) -> list[str]:
    """``paths`` without those inside another of them (a bind mount brings its subfolders)."""
    paths = sorted({os.path.normpath(p) for p in paths if os.path.exists(p)})
    return [p for p in paths if not any(p.startswith(q.rstrip("/") + "/") for q in paths if q != p)]


def _copy_folder(source: str, target: str) -> None:
    """Regular files, folders and links of ``source`` (never followed), readable by all.

    What does not fit (the tmpfs is capped) or cannot be read is left out.
    """
    for folder, dirs, files in os.walk(source):
        into = os.path.join(target, os.path.relpath(folder, source))
        for name in dirs + files:
            src, dst = os.path.join(folder, name), os.path.join(into, name)
            try:
                if os.path.islink(src):  # os.walk does not go into linked folders either
                    os.symlink(os.readlink(src), dst)  # resolves inside the new root only
                elif os.path.isdir(src):
                    os.mkdir(dst)
                    os.chmod(dst, 0o755)
                elif os.path.isfile(src):  # FIFOs, sockets and devices are left out
                    shutil.copyfile(src, dst, follow_symlinks=False)
                    os.chmod(dst, 0o555 if os.stat(src).st_mode & 0o100 else 0o444)
            except OSError:
                if os.path.isfile(dst) and not os.path.islink(dst):
                    os.unlink(dst)


def build(root: str, folder: str, scratch: str, python: list[str], size: int, owner: tuple[int, int]) -> None:
    """Make the new root in the (empty, ours) folder ``root``, then enter it with pivot_root.

    Call in a fresh mount namespace (``unshare_mounts``) by PID 1 of the PID namespace
    that ``/proc`` should show. ``owner`` (uid, gid) gets the scratch folder.
    """
    mount("nnbasics-root", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
    for path in _top_level([*python, *SYSTEM]):
        _bind(root, path)
    for link in USR_LINKS:
        if os.path.islink(link):
            os.symlink(os.readlink(link), root + link)
        elif os.path.isdir(link):
            _bind(root, link)
    for device in DEVICES:
        _bind(root, device, writable_devices=True)
    os.makedirs(root + "/proc")
    # Before pivot_root: the kernel mounts a new procfs only where the host's is visible.
    mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)

    os.makedirs(root + folder)
    mount("nnbasics-submission", root + folder, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=0755")
    _copy_folder(folder, root + folder)
    set_attr(root + folder, MOUNT_ATTR_RDONLY)

    os.makedirs(root + scratch)
    mount("nnbasics-scratch", root + scratch, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=0700")
    os.mkdir(root + scratch + "/" + SHM, 0o700)
    for path in (root + scratch, root + scratch + "/" + SHM):
        os.chown(path, *owner)
    os.makedirs(root + "/dev/shm")
    mount(root + scratch + "/" + SHM, root + "/dev/shm", None, MS_BIND)
    os.makedirs(root + "/tmp", exist_ok=True)  # nothing the host has: TMPDIR is the scratch folder

    set_attr(root, MOUNT_ATTR_RDONLY)  # the skeleton itself: no new files beside the mounts
    os.chdir(root)
    # pivot_root(".", "."): the old root is stacked on the new one, then detached for good.
    _check(_libc.syscall(ctypes.c_long(SYS_PIVOT_ROOT), b".", b"."), "pivot_root")
    _check(_libc.umount2(b".", MNT_DETACH), "umount old root")
    os.chdir("/")
