//! A pseudo-terminal for driving `pooler repl` like a person at a keyboard: spawn the binary
//! on the terminal's slave side, type into the master side, and wait for text on the screen.

use std::fs::File;
use std::io::{Read as _, Write as _};
use std::os::fd::{AsRawFd as _, FromRawFd as _, OwnedFd};
use std::os::unix::process::CommandExt as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long any single wait may take before the test fails with what the screen showed.
pub const WAIT: Duration = Duration::from_secs(20);

pub struct Pty {
    master: File,
    child: Child,
    output: Arc<Mutex<Vec<u8>>>,
    /// How much of the ANSI-stripped output earlier `expect`s have consumed.
    seen: usize,
    /// The prompt the REPL shows: `pooler[dry]> ` when started with `--dry-run`.
    pub prompt: &'static str,
}

impl Pty {
    /// Starts pooler with `args` in `dir` on a new terminal (it becomes the session leader, so
    /// Ctrl-C typed while a script runs raises SIGINT in it, as in a real shell).
    pub fn spawn(dir: &Path, state: &Path, args: &[&str]) -> Pty {
        Self::spawn_with_env(dir, state, args, &[])
    }

    /// Like [`Pty::spawn`], with extra environment variables set last (they win).
    pub fn spawn_with_env(dir: &Path, state: &Path, args: &[&str], env: &[(&str, &str)]) -> Pty {
        Self::spawn_to(dir, state, args, env, None)
    }

    /// Like [`Pty::spawn_with_env`], with standard output going to `stdout` (a file, not the
    /// terminal) when given.
    pub fn spawn_to(
        dir: &Path,
        state: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        stdout: Option<File>,
    ) -> Pty {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: 50,
            ws_col: 250,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two descriptors into the given integers; no name, no termios.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened by openpty and are owned by nobody else.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pooler"));
        cmd.args(args).current_dir(dir);
        for (key, _) in std::env::vars() {
            if key.starts_with("AWS_") || key.starts_with("POOLER_") || key == "NO_COLOR" {
                cmd.env_remove(key);
            }
        }
        let nowhere = dir.join("no-such-aws-file");
        cmd.env("AWS_CONFIG_FILE", &nowhere)
            .env("AWS_SHARED_CREDENTIALS_FILE", &nowhere)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_REGION", "us-west-2")
            .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
            .env("AWS_SECRET_ACCESS_KEY", "test-secret")
            .env("TERM", "xterm")
            .env("NO_COLOR", "1")
            .env("HOME", state)
            .env("XDG_STATE_HOME", state)
            .envs(env.iter().copied())
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(match stdout {
                Some(file) => Stdio::from(file),
                None => Stdio::from(slave.try_clone().unwrap()),
            })
            .stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls (setsid, ioctl) between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("spawn pooler on a pty");
        drop(cmd);
        let master = File::from(master);
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().unwrap();
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // Ends with EIO once the child has exited and the slave side is closed.
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let prompt = if args.contains(&"--dry-run") {
            "pooler[dry]> "
        } else {
            "pooler> "
        };
        Pty {
            master,
            child,
            output,
            seen: 0,
            prompt,
        }
    }

    /// Types `keys` (use `\r` for Enter, `\t` for Tab, `\x03` for Ctrl-C, `\x04` for Ctrl-D).
    pub fn send(&mut self, keys: &str) {
        self.master.write_all(keys.as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    /// Everything shown so far, without ANSI escapes and carriage returns.
    pub fn screen(&self) -> String {
        strip(&String::from_utf8_lossy(&self.output.lock().unwrap()))
    }

    /// Waits until `needle` appears after what earlier calls consumed; consumes up to its end.
    pub fn expect(&mut self, needle: &str) {
        assert!(
            self.try_expect(needle, WAIT),
            "did not see {needle:?}; the screen:\n{}",
            self.screen()
        );
    }

    /// Like `expect`, but gives up after `limit` and says whether it was seen.
    pub fn try_expect(&mut self, needle: &str, limit: Duration) -> bool {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if let Some(at) = screen.get(self.seen..).and_then(|rest| rest.find(needle)) {
                self.seen += at + needle.len();
                return true;
            }
            if start.elapsed() > limit {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the next prompt.
    pub fn expect_prompt(&mut self) {
        let prompt = self.prompt;
        self.expect(prompt);
    }

    /// Types `line` and Enter, then waits for the end of the line and the next prompt.
    pub fn line(&mut self, line: &str) {
        self.send(line);
        self.send("\r");
        self.expect("\n");
        self.expect_prompt();
    }

    /// Waits until the REPL shows a prompt and nothing after it, so it reads keys in raw mode
    /// (a Ctrl-D typed ahead, while the terminal is still in line mode, would be lost).
    pub fn wait_for_prompt(&self) {
        let start = Instant::now();
        while !self.screen().ends_with(self.prompt) {
            assert!(
                start.elapsed() < WAIT,
                "no prompt; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for an empty prompt and consumes the screen up to it. After a block the editor
    /// redraws the prompt with each line, so `expect_prompt` could match an old one.
    /// The screen must stay the same for a moment, since a redraw may come in pieces.
    pub fn settle(&mut self) {
        loop {
            self.wait_for_prompt();
            let before = self.screen();
            std::thread::sleep(Duration::from_millis(150));
            let after = self.screen();
            if before == after {
                self.seen = after.len();
                return;
            }
        }
    }

    /// Ctrl-D at an empty prompt.
    pub fn eof(&mut self) {
        self.wait_for_prompt();
        self.send("\x04");
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the process to end and returns its exit code.
    pub fn wait(mut self) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!("pooler did not exit; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        let _ = self.master.as_raw_fd();
    }
}

/// `text` without ANSI escape sequences and `\r`.
pub fn strip(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for n in chars.by_ref() {
                        if ('\x40'..='\x7e').contains(&n) {
                            break;
                        }
                    }
                } else {
                    chars.next();
                }
            }
            '\r' | '\x07' => {}
            c => out.push(c),
        }
    }
    out
}
