"""One Python kernel that runs a report's notebooks in turn.

Starting a kernel and importing pandas, matplotlib and pandera into it is most of the cost of a
small notebook, so a report run starts one kernel and lets papermill execute every notebook in
it, one after the other (papermill's ``km`` argument). Before each notebook the kernel is reset
as a fresh one would be: the user namespace is emptied, figures are closed and the execution
count starts again at 1, so a notebook cannot see another's variables and its saved cell numbers
are those of a run of its own. Imported modules stay loaded; that is the point.

The kernel starts in the background the moment the session is created; the caller does other
work (importing papermill and nbconvert) while it boots.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from .errors import InputError, display_path
from .paths import NOTEBOOKS_DIR

RESET_CODE = """\
get_ipython().reset(new_session=True)
import sys as _sys
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
del _sys
"""


def run_sync(coroutine_function):
    """jupyter_core's bridge from blocking code to the asynchronous kernel manager and client."""
    from jupyter_core.utils import run_sync as bridge

    return bridge(coroutine_function)


class ReportStepError(RuntimeError):
    """A step of the report failed; the message names the notebook and cell."""


class KernelCodeError(RuntimeError):
    """Code the session ran itself (not a notebook) raised; carries the kernel's error name and text."""

    def __init__(self, ename: str, evalue: str):
        self.ename, self.evalue = ename, evalue
        super().__init__(f"{ename}: {evalue}")


ENGINE_NAME = "analysis-shared-client"
_engine_registered = False


def _register_engine() -> None:
    """A papermill engine that runs a notebook through a kernel client we already hold.

    papermill's own engine connects a new client for every notebook, and connecting waits for
    the kernel's output channel to fall quiet for 0.2 s; with one client for the whole session
    that wait is paid once. Everything else is papermill's ``nbclient`` engine unchanged.
    """
    global _engine_registered
    if _engine_registered:
        return
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    class SharedClientEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, **kwargs):
            client = kwargs.pop("kc")
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            final_kwargs = merge_kwargs(kwargs, timeout=execution_timeout, startup_timeout=start_timeout,
                                        kernel_name=kernel_name, log=logger, log_output=log_output,
                                        stdout_file=stdout_file, stderr_file=stderr_file)
            notebook_client = PapermillNotebookClient(nb_man, **final_kwargs)
            notebook_client.kc = client  # with a client present, nbclient neither connects nor closes one
            return notebook_client.execute()

    papermill_engines.register(ENGINE_NAME, SharedClientEngine)
    _engine_registered = True


class KernelSession:
    """A running ``python3`` kernel with its working directory in ``notebooks/``, and one client.

    The manager and client are jupyter_client's asynchronous ones, as nbclient expects: with a
    blocking client, nbclient's wait for output would block its event loop, and a kernel that
    died would never be noticed. The session's own calls run them with ``run_sync``.
    """

    def __init__(self, cwd: Path = NOTEBOOKS_DIR, kernel_name: str = "python3"):
        from jupyter_client.manager import AsyncKernelManager

        self.cwd = Path(cwd)
        self.kernel_name = kernel_name
        # Unix sockets in a private folder (mode 0700) rather than TCP ports on localhost: only this
        # user can reach the kernel, and the kernel has nothing to warn about.
        self._socket_dir = Path(tempfile.mkdtemp(prefix="analysis-kernel-"))
        self.manager = AsyncKernelManager(kernel_name=kernel_name, transport="ipc",
                                          ip=str(self._socket_dir / "kernel"))
        run_sync(self.manager.start_kernel)(cwd=str(self.cwd))
        self._connect()

    def _connect(self) -> None:
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.allow_stdin = False
        self._output_channel_live = False

    def is_alive(self) -> bool:
        return bool(run_sync(self.manager.is_alive)())

    # -- code the session runs itself ---------------------------------------------------------------
    def submit(self, code: str) -> str:
        """Queue ``code`` in the kernel without waiting; :meth:`wait` collects its outcome."""
        self.ensure_alive()
        return self.client.execute(code, silent=True, store_history=False, allow_stdin=False)

    def wait(self, message_id: str, timeout: float = 600) -> None:
        """Wait for submitted code to finish; raise :class:`KernelCodeError` if it raised."""
        content = run_sync(self._reply)(message_id, timeout)
        if not self._output_channel_live:
            run_sync(self._confirm_output_channel)(message_id)
        if content.get("status") == "error":
            raise KernelCodeError(content.get("ename", "Error"), content.get("evalue", ""))

    async def _reply(self, message_id: str, timeout: float) -> dict:
        from queue import Empty

        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"the kernel did not finish within {timeout:.0f} s")
            try:
                reply = await self.client.get_shell_msg(timeout=min(remaining, 1.0))
            except Empty:
                if not await self.manager.is_alive():
                    raise KernelCodeError("DeadKernelError", "the kernel died") from None
                continue
            if reply.get("parent_header", {}).get("msg_id") == message_id:
                return reply["content"]

    async def _confirm_output_channel(self, message_id: str) -> None:
        """Make sure the output (IOPub) channel is connected before a notebook relies on it: our own
        code's "idle" status must arrive there; if it does not, fall back to the client's full
        readiness check."""
        from queue import Empty

        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            try:
                message = await self.client.get_iopub_msg(timeout=0.1)
            except Empty:
                continue
            if (message.get("parent_header", {}).get("msg_id") == message_id
                    and message.get("msg_type") == "status"
                    and message.get("content", {}).get("execution_state") == "idle"):
                self._output_channel_live = True
                return
        await self.client.wait_for_ready(timeout=60)
        self._output_channel_live = True

    def run(self, code: str, timeout: float = 600) -> None:
        self.wait(self.submit(code), timeout)

    def reset(self) -> None:
        """Empty the namespace and restart the execution count, as in a fresh kernel."""
        self.run(RESET_CODE, timeout=60)

    # -- notebooks ----------------------------------------------------------------------------------
    def execute_notebook(self, source: Path, output: Path, parameters: dict) -> None:
        """Reset the kernel, then let papermill run ``source`` in it and save ``output``."""
        import papermill
        from nbclient.exceptions import CellTimeoutError, DeadKernelError
        from papermill.exceptions import PapermillExecutionError

        _register_engine()
        self.reset()
        try:
            papermill.execute_notebook(str(source), str(output), parameters=parameters, engine_name=ENGINE_NAME,
                                       kernel_name=self.kernel_name, km=self.manager, kc=self.client,
                                       cwd=str(self.cwd), progress_bar=False, log_output=False,
                                       report_mode=False, request_save_on_cell_execute=False)
        except PapermillExecutionError as exc:
            evalue = str(exc.evalue).splitlines()[0] if exc.evalue else ""
            raise ReportStepError(f"{Path(source).name}: cell {exc.exec_count} raised {exc.ename}: {evalue} "
                                  f"(executed notebook kept for inspection: {display_path(output)})") from None
        except DeadKernelError:
            raise ReportStepError(f"{Path(source).name}: the kernel died while the notebook ran (killed, or out "
                                  "of memory)") from None
        except CellTimeoutError as exc:
            raise ReportStepError(f"{Path(source).name}: {' '.join(str(exc).split())}") from None

    def ensure_alive(self) -> None:
        """Start a new kernel if the previous one died (a crash in an earlier report of a batch)."""
        if not self.is_alive():
            self.client.stop_channels()
            run_sync(self.manager.start_kernel)(cwd=str(self.cwd))
            self._connect()

    def close(self) -> None:
        self.client.stop_channels()
        if self.manager.has_kernel:
            # The kernel's state is thrown away, so there is nothing to shut down gracefully; killing
            # it first spares the manager's polling while it waits for the process to end.
            process = getattr(getattr(self.manager, "provisioner", None), "process", None)
            if process is not None:
                process.kill()
                process.wait(10)
            run_sync(self.manager.shutdown_kernel)(now=True)
        shutil.rmtree(self._socket_dir, ignore_errors=True)


def raise_as_input_error(error: KernelCodeError) -> None:
    """A data problem found in the kernel is the user's to fix: re-raise it as the one-line error."""
    if error.ename == "InputError":
        raise InputError(error.evalue) from None
    raise ReportStepError(f"data step raised {error.ename}: {error.evalue}") from None
