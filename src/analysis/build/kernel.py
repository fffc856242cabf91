"""One Python kernel that runs a report's notebooks in turn, through papermill's own engine.

Starting a kernel and importing pandas and matplotlib into it is most of the cost of a small
notebook, so a report run starts one kernel and hands it to papermill for every notebook
(``execute_notebook(..., km=manager)``: papermill's stock nbclient engine, which uses a kernel
manager it is given instead of starting its own). Before each notebook the kernel is reset as a
fresh one would be: the namespace is emptied, figures are closed and the execution count starts
again at 1, so a notebook cannot see another's variables. Imported modules stay loaded; that is
the point. ``tests/build/test_kernel.py`` checks that a report built this way is byte-identical to
one built by stock papermill in a fresh kernel per notebook.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from ..errors import StepError
from ..settings import NOTEBOOKS_DIR

RESET_CODE = """\
get_ipython().reset(new_session=True)
import sys as _sys
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
del _sys
"""
#: What every report notebook imports; loaded while the run builds its tables.
WARM_UP_CODE = ("import pandas, matplotlib.pyplot, seaborn, analysis.report.charts, analysis.report.sections, "
                "analysis.report.cards, analysis.clean.tidy, analysis.report.fonts")
EXECUTION_TIMEOUT = 600  # seconds a single cell may take


def run_sync(coroutine_function):
    """jupyter_core's bridge from blocking code to the asynchronous kernel manager."""
    from jupyter_core.utils import run_sync as bridge

    return bridge(coroutine_function)


def _session_manager_class():
    from jupyter_client.manager import AsyncKernelManager

    class SessionKernelManager(AsyncKernelManager):
        """Remembers the clients papermill makes, so that the session can close each after its notebook."""

        def client(self, **kwargs):
            client = super().client(**kwargs)
            self.session_clients.append(client)
            return client

    return SessionKernelManager


#: What papermill records of a run's clock, in the notebook's and each cell's ``papermill`` metadata.
PAPERMILL_TIMINGS = ("start_time", "end_time", "duration")
INJECTED_TAG = "injected-parameters"  # papermill's tag for the cell it adds


def settle(path: Path) -> None:
    """What would differ between two runs of the same inputs, taken out of an executed notebook: the times
    papermill writes (the run's step timings are in the manifest) and the random id it gives the cell of
    injected parameters (that cell has a fixed id instead: its tag's name)."""
    import nbformat

    from ..files import write_bytes_atomic

    notebook = nbformat.read(path, as_version=4)
    for metadata in [notebook.metadata, *(cell.metadata for cell in notebook.cells)]:
        for key in PAPERMILL_TIMINGS:
            metadata.get("papermill", {}).pop(key, None)
    for cell in notebook.cells:
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell.id = INJECTED_TAG
    write_bytes_atomic(path, (nbformat.writes(notebook) + "\n").encode("utf-8"))


class KernelSession:
    """A running ``python3`` kernel with its working directory in ``notebooks/``."""

    def __init__(self, cwd: Path = NOTEBOOKS_DIR, kernel_name: str = "python3"):
        self.cwd = Path(cwd)
        self.kernel_name = kernel_name
        # Unix sockets in a private folder (mode 0700) rather than TCP ports on localhost: only this
        # user can reach the kernel.
        self._socket_dir = Path(tempfile.mkdtemp(prefix="analysis-kernel-"))
        self._start()

    def _start(self) -> None:
        """A new kernel, with a manager of its own (a dead kernel's manager is not reused)."""
        from jupyter_client.blocking import BlockingKernelClient

        self.manager = _session_manager_class()(kernel_name=self.kernel_name, transport="ipc",
                                                 ip=str(self._socket_dir / f"kernel-{time.monotonic_ns()}"))
        self.manager.session_clients = []
        run_sync(self.manager.start_kernel)(cwd=str(self.cwd))
        # The session's own client, for its own code (warm-up, resets); papermill makes its own.
        self._own = BlockingKernelClient(connection_file=self.manager.connection_file)
        self._own.load_connection_file()
        self._own.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        self._own.execute(WARM_UP_CODE, silent=True, store_history=False, allow_stdin=False)

    def is_alive(self) -> bool:
        return bool(run_sync(self.manager.is_alive)())

    def _run(self, code: str, timeout: float = 120) -> None:
        """Run ``code`` in the kernel and wait until it (and the warm-up before it) is done."""
        from queue import Empty

        request = self._own.execute(code, silent=True, store_history=False, allow_stdin=False)
        deadline = time.monotonic() + timeout
        while True:
            if time.monotonic() > deadline:
                raise StepError(f"the kernel did not answer within {timeout:.0f} s")
            try:
                reply = self._own.get_shell_msg(timeout=1)
            except Empty:
                if not self.is_alive():
                    raise StepError("the kernel died") from None
                continue
            if reply.get("parent_header", {}).get("msg_id") == request:
                content = reply.get("content", {})
                if content.get("status") == "error":
                    raise StepError(f"the kernel could not run its own set-up: {content.get('ename')}: "
                                    f"{content.get('evalue')}")
                return

    def reset(self) -> None:
        """Empty the namespace and restart the execution count, as in a fresh kernel."""
        self._run(RESET_CODE)

    def execute_notebook(self, source: Path, output: Path, parameters: dict) -> None:
        """Reset the kernel, then let papermill run ``source`` in it and save ``output``."""
        import papermill
        from nbclient.exceptions import CellTimeoutError, DeadKernelError
        from papermill.exceptions import PapermillExecutionError

        self.ensure_alive()
        self.reset()
        try:
            papermill.execute_notebook(str(source), str(output), parameters=parameters, kernel_name=self.kernel_name,
                                       km=self.manager, progress_bar=False, log_output=False, report_mode=False,
                                       request_save_on_cell_execute=False, execution_timeout=EXECUTION_TIMEOUT,
                                       # nbclient's options: one output per stream however the kernel chunked
                                       # it, and no timestamps, so the same inputs give the same bytes
                                       coalesce_streams=True, record_timing=False)
            settle(output)
        except PapermillExecutionError as exc:
            evalue = str(exc.evalue).splitlines()[0] if exc.evalue else ""
            raise StepError(f"{Path(source).name}: cell {exc.exec_count} raised {exc.ename}: {evalue}") from None
        except DeadKernelError:
            raise StepError(f"{Path(source).name}: the kernel died while the notebook ran (killed, or out "
                            "of memory)") from None
        except CellTimeoutError as exc:
            raise StepError(f"{Path(source).name}: {' '.join(str(exc).split())}") from None
        finally:
            self._close_session_clients()

    def _close_session_clients(self) -> None:
        for client in self.manager.session_clients:
            client.stop_channels()
        self.manager.session_clients.clear()

    def ensure_alive(self) -> None:
        """Start a new kernel if the previous one died (a crash in an earlier report of a batch)."""
        if not self.is_alive():
            self._close_session_clients()
            self._own.stop_channels()
            run_sync(self.manager.shutdown_kernel)(now=True)
            self._start()

    def close(self) -> None:
        self._close_session_clients()
        self._own.stop_channels()
        if self.manager.has_kernel:
            run_sync(self.manager.shutdown_kernel)(now=True)
        shutil.rmtree(self._socket_dir, ignore_errors=True)
