//! Bounds on work that costs much CPU or memory per request (checking a password with argon2, reading an uploaded
//! report): at most so many run at once in a process, a few more wait their turn, and the rest are told at once
//! that the service is busy (`busy`: the API answers 503 with `Retry-After`). A gate is per process, as the
//! memory and the cores it protects are.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{Error, ErrorCode};

/// One kind of costly work.
#[derive(Debug)]
pub struct Gate {
    what: &'static str,
    running: Arc<Semaphore>,
    admitted: Arc<Semaphore>,
}

/// A turn at the work; it runs while the turn is held.
pub struct Turn {
    _running: OwnedSemaphorePermit,
    _admitted: OwnedSemaphorePermit,
}

impl Gate {
    /// `running` at once, `admitted` in all (running and waiting); `what` names the work in the 503's detail.
    pub fn new(what: &'static str, running: usize, admitted: usize) -> Self {
        Self {
            what,
            running: Arc::new(Semaphore::new(running.max(1))),
            admitted: Arc::new(Semaphore::new(admitted.max(running).max(1))),
        }
    }

    /// One running per core, and `waiting` times as many waiting their turn.
    pub fn per_core(what: &'static str, waiting: usize) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self::new(what, cores, cores * (waiting + 1))
    }

    /// A turn, after those before it; `busy` (503, to come back in a second) when too many are waiting already.
    pub async fn turn(&self) -> Result<Turn, Error> {
        let admitted = self.admitted.clone().try_acquire_owned().map_err(|_| {
            Error::new(ErrorCode::Busy, format!("too many {} at once; try again in a second", self.what))
        })?;
        let running = self.running.clone().acquire_owned().await.map_err(Error::internal)?;
        Ok(Turn { _running: running, _admitted: admitted })
    }

    /// Runs `work` on a blocking thread in a turn.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Error> {
        let _turn = self.turn().await?;
        tokio::task::spawn_blocking(work).await.map_err(Error::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn beyond_the_waiting_room_callers_are_told_to_come_back() {
        let gate = Arc::new(Gate::new("checks", 1, 2));
        let first = gate.turn().await.unwrap();
        let second = tokio::spawn({
            let gate = gate.clone();
            async move { gate.turn().await.map(drop) }
        });
        while gate.admitted.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let refused = gate.turn().await.err().expect("a third, with one running and one waiting, is refused");
        assert_eq!(refused.code, ErrorCode::Busy);
        drop(first);
        second.await.unwrap().unwrap();
        assert!(gate.turn().await.is_ok());
    }
}
