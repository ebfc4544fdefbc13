"""Can student code reach anything of the host: its sockets, devices, files, IPC objects?

The student process sees a minimal root of its own (``nnbasics/sandbox/rootfs.py``).
Each check here uses ``os.path.exists``/``connect``, which Landlock (the second layer)
does not stop, so a pass means the thing is not there at all, not merely forbidden.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import select
import socket
import stat
import sys
from pathlib import Path

import pytest

from nnbasics.sandbox.client import Sandbox
from nnbasics.sandbox.limits import Limits

ROOT = Path(__file__).resolve().parents[1]
ALLOWED_DEVICES = {"/dev/null", "/dev/zero", "/dev/random", "/dev/urandom"}


@pytest.fixture
def box(tmp_path):
    folder = tmp_path / "submission"
    folder.mkdir()
    (folder / "data.txt").write_text("1 2 3")
    with Sandbox(str(folder), Limits(cell_seconds=10, memory_limit=1 << 30)) as sandbox:
        if sandbox.status.get("minimal root") != "ok":
            pytest.skip(f"no minimal root on this machine: {sandbox.status}")
        yield sandbox


def run(sandbox, *sources) -> list:
    """The value of each cell's last expression (or its error's name)."""
    outputs = sandbox.execute([{"index": i, "name": str(i), "source": s} for i, s in enumerate(sources)])
    values = []
    for i in range(len(sources)):
        found = [o for o in outputs[i] if o["output_type"] in ("execute_result", "error")]
        values.append(eval(found[0]["data"]["text/plain"]) if found and "data" in found[0]
                      else found[0]["ename"] if found else None)
    return values


@contextlib.contextmanager
def listener(path: str):
    """A UNIX socket listening at ``path`` (removed afterwards)."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(path)
        if not path.startswith("\0"):
            os.chmod(path, 0o777)  # anyone on the host may connect: only its absence protects it
        server.listen(8)
        yield server
    finally:
        server.close()
        with contextlib.suppress(FileNotFoundError, ValueError):
            os.unlink(path)


def connections(server: socket.socket) -> int:
    server.setblocking(False)
    count = 0
    while select.select([server], [], [], 0)[0]:
        server.accept()[0].close()
        count += 1
    return count


CONNECT = """
import socket
def connect(address):
    family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.settimeout(2)
            s.connect(address)
        return "connected"
    except OSError as error:
        return type(error).__name__
"""


def test_unix_sockets_of_the_host_cannot_be_reached(box):
    """Listeners under /tmp, /run, an abstract name and in the submission folder itself: the
    student's connect() fails and no listener sees a connection."""
    token = secrets.token_hex(4)
    paths = [f"/tmp/nnbasics-test-{token}.sock", f"/run/nnbasics-test-{token}.sock",
             os.path.join(box.folder, "socket")]
    abstract = f"\0nnbasics-test-{token}"
    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(listener(p)) for p in [*paths, abstract]]
        results = run(box, CONNECT, *[f"connect({p!r})" for p in [*paths, abstract]])
        assert all(r not in ("connected", None) for r in results[1:]), results
        assert [connections(s) for s in servers] == [0] * len(servers)


def test_no_host_folder_socket_or_file_is_there(box):
    course = [ROOT / name for name in ("grader_tests", "source", "solutions", "nbgrader_config.py", "nnbasics",
                                        ".git", "tests")]
    sibling = Path(box.folder).parent / "other-student"
    sibling.mkdir()
    shm = Path("/dev/shm") / f"nnbasics-test-{secrets.token_hex(4)}"
    shm.write_text("host")
    try:
        home = [str(p) for p in Path.home().iterdir() if not sys.base_prefix.startswith(str(p))]
        paths = [*home, "/run", "/var/run", "/home", "/etc/passwd", "/etc/shadow", "/var", "/srv", "/mnt",
                 "/run/postgresql", "/var/run/dbus", "/tmp/.X11-unix", str(shm), str(sibling),
                 *map(str, course)]
        seen = run(box, f"import os\n[p for p in {paths!r} if os.path.lexists(p)]")[0]
    finally:
        shm.unlink()
    assert seen == []


def test_only_the_allowed_devices_are_there(box):
    host_devices = [str(p) for p in Path("/dev").rglob("*")
                    if p.exists() and (stat.S_ISCHR(p.stat().st_mode) or stat.S_ISBLK(p.stat().st_mode))]
    assert "/dev/vda" in host_devices or len(host_devices) > 10  # what there is to hide
    seen = run(box, f"import os\n[p for p in {host_devices!r} if os.path.lexists(p)]",
               "len(open('/dev/urandom', 'rb').read(16)), open('/dev/null', 'w').write('x')")
    assert set(seen[0]) <= ALLOWED_DEVICES
    assert seen[1] == (16, 1)


def test_the_submission_folder_is_at_its_own_path_read_only_and_proc_is_its_own(box):
    uid = run(box, "import os\nos.getuid()")[0]
    folder, processes, wrote, proc_sys = run(
        box, "os.getcwd(), open('data.txt').read()",
        f"os.path.exists('/proc/1'), os.path.exists('/proc/{os.getpid()}')",
        "try:\n    open('data.txt', 'a')\n    wrote = True\nexcept OSError:\n    wrote = False\nwrote",
        "try:\n    open('/proc/sys/kernel/hostname', 'w').write('x')\n    w = True\nexcept OSError:\n    w = False\nw")
    assert folder == (box.folder, "1 2 3")
    assert processes == (True, False)  # its own PID namespace's processes only
    assert not wrote and not proc_sys
    if box.status.get("unprivileged") == "ok":
        assert uid != 0


def host_sysv_keys() -> set[int]:
    keys = set()
    for kind in ("shm", "sem", "msg"):
        with contextlib.suppress(FileNotFoundError), open(f"/proc/sysvipc/{kind}") as f:
            keys |= {int(line.split()[0]) for line in list(f)[1:]}
    return keys


SYSV = """
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
IPC_CREAT = 0o1000
made = [libc.shmget({key}, 1 << 20, IPC_CREAT | 0o666), libc.semget({key} + 1, 1, IPC_CREAT | 0o666),
        libc.msgget({key} + 2, IPC_CREAT | 0o666), libc.shmget(0, 1 << 20, IPC_CREAT | 0o600)]
attached = libc.shmat(made[0], None, 0)
ctypes.memset(attached, 7, 1 << 20)
from multiprocessing import shared_memory
posix = shared_memory.SharedMemory(name="{name}", create=True, size=1 << 20)
[m >= 0 for m in made]
"""


def test_ipc_objects_stay_in_the_sandbox_and_go_with_it(tmp_path):
    key = 0x6E6E0000 + secrets.randbelow(1 << 15) * 4
    name = f"nnbasics-test-{secrets.token_hex(4)}"
    with Sandbox(str(tmp_path), Limits(memory_limit=1 << 30)) as sandbox:
        if sandbox.status.get("ipc") != "ok":
            pytest.skip(f"no IPC namespace here: {sandbox.status}")
        made = run(sandbox, SYSV.format(key=key, name=name))[0]
        assert made == [True] * 4  # it could make them: in a namespace of its own
        during = host_sysv_keys()
        assert not {key, key + 1, key + 2} & during
        assert not os.path.exists(f"/dev/shm/{name}")
    assert not {key, key + 1, key + 2} & host_sysv_keys()


def test_every_mechanism_reports_its_status(box):
    """What the loud warning would name: each mechanism says "ok" or why not."""
    for name in ("network", "processes", "ipc", "unprivileged", "minimal root", "files"):
        assert box.status[name] == "ok" or box.status[name].startswith("unavailable ("), (name, box.status)


def test_the_python_installation_cannot_be_changed_or_remounted(box):
    changed = run(box, """
import ctypes, numpy, os
libc = ctypes.CDLL(None, use_errno=True)
MS_REMOUNT, MS_BIND = 0x20, 0x1000
tries = []
try:
    open(numpy.__file__, "a")
    tries.append("wrote")
except OSError:
    pass
if libc.mount(None, os.path.dirname(numpy.__file__).encode(), None, MS_REMOUNT | MS_BIND, None) == 0:
    tries.append("remounted")
if libc.umount2(b"/proc", 2) == 0:
    tries.append("unmounted")
tries""")[0]
    assert changed == []
