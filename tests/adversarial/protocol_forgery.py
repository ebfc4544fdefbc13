# ruff: noqa
# %% last
# Messages of the sandbox's own protocol, written by student code straight to the socket
# the grading process reads the notebook's outputs from (found by its file type). Each
# cell after this one forges one kind of message.
import json
import os
import stat
import struct


def send(raw):
    for fd in range(3, 64):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.write(fd, struct.pack("!I", len(raw)) + raw)
                return
        except OSError:
            pass
# %% last
send(b"5")  # not even an object
# %% last
send(b"[" + b"[" * 100_000 + b"]" * 100_000 + b"]")  # too deeply nested to decode
# %% last
send(json.dumps({"started": [1]}).encode())  # an index that is not one
# %% last
send(json.dumps({"started": 10**6}).encode())  # a cell that does not exist
while True:
    pass
# %% last
for index in range(100):  # outputs for every cell that is not a list of outputs
    send(json.dumps({"cell": index, "outputs": 5}).encode())
# %% last
for index in range(100):  # HTML with a script, for every cell, in the instructor's formgrader
    send(json.dumps({"cell": index, "outputs": [{"output_type": "display_data", "metadata": {},
                                                  "data": {"text/html": "<script>alert('owned')</script>"}}]}).encode())
