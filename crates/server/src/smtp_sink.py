# The tests' SMTP server (see smtp_sink.rs): Debian's aiosmtpd, keeping what it receives in
# a Maildir; optionally with STARTTLS or TLS from the start, a login it requires, and a
# number of messages it first refuses with a temporary 451.
import argparse
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--maildir", required=True)
parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
parser.add_argument("--smtps", nargs=2, metavar=("CERT", "KEY"))
parser.add_argument("--login", metavar="USER:PASSWORD")
parser.add_argument("--refuse", type=int, default=0)
args = parser.parse_args()


class Sink(Mailbox):
    """A Maildir that answers "try again later" to the first `refuse` messages."""

    def __init__(self, maildir, refuse):
        super().__init__(maildir)
        self.refuse = refuse

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 Not now: try again later"
        return await super().handle_DATA(server, session, envelope)


def context(files):
    made = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    made.load_cert_chain(*files)
    return made


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        )
        # Not handled here: aiosmtpd answers 235, or 535 on a wrong login.
        return AuthResult(success=ok, handled=False)

    return check


options = {}
if args.starttls:
    options.update(tls_context=context(args.starttls), require_starttls=True)
if args.login:
    user, password = args.login.split(":", 1)
    options.update(
        authenticator=authenticator(user, password),
        auth_required=True,
        # Over TLS from the start every command is encrypted already.
        auth_require_tls=bool(args.starttls),
    )
controller = Controller(
    Sink(args.maildir, args.refuse),
    hostname="127.0.0.1",
    port=args.port,
    ssl_context=context(args.smtps) if args.smtps else None,
    server_hostname="127.0.0.1",
    **options,
)
controller.start()
threading.Event().wait()
