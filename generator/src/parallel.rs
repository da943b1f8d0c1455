//! Independent jobs on as many threads as there are cores: parsing spec files, formatting the
//! parts of the generated files. Not a stage; the stages that have such jobs share it.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::{Mutex, PoisonError};

/// A job panicked: a bug in the generator or a library it calls. The caller reports it as an
/// error naming the file the job was for, rather than letting the panic end the program.
#[derive(Debug)]
pub(crate) struct Panicked;

/// Runs `job` on every item, on up to as many threads as there are cores, each thread taking
/// the next item when it is free. The results come back in the items' order, so the output
/// never depends on which thread did what.
pub(crate) fn map<T: Send, R: Send>(items: Vec<T>, job: impl Fn(T) -> R + Sync) -> Vec<Result<R, Panicked>> {
    let count = items.len();
    let queue = Mutex::new(items.into_iter().enumerate());
    let worker = || {
        let mut done = Vec::new();
        loop {
            let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
            let Some((index, item)) = next else { break };
            // A panicking job loses only its own result; its inputs are not used again.
            done.push((index, catch_unwind(AssertUnwindSafe(|| job(item))).map_err(|_| Panicked)));
        }
        done
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, count.max(1));
    // One item (one spec file, the usual case) or one core: no thread is worth spawning.
    let mut results = if threads == 1 {
        worker()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(worker)).collect();
            // Jobs' panics are caught above, so a worker itself cannot panic.
            handles
                .into_iter()
                .flat_map(|handle| handle.join().unwrap_or_else(|payload| resume_unwind(payload)))
                .collect()
        })
    };
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven work, so threads finish their items out of order.
        let squares: Vec<u64> = map(items, |n| {
            std::thread::sleep(std::time::Duration::from_micros(n % 7 * 10));
            n * n
        })
        .into_iter()
        .map(Result::unwrap)
        .collect();
        assert_eq!(squares, (0..1000).map(|n| n * n).collect::<Vec<_>>());
        assert!(map(Vec::<u8>::new(), |n| n).is_empty());
    }

    #[test]
    fn a_panicking_job_is_an_error_for_its_item_only() {
        let results = map(vec![1, 2, 3], |n| if n == 2 { panic!("job {n} fails on purpose") } else { n });
        let results: Vec<Option<i32>> = results.into_iter().map(Result::ok).collect();
        assert_eq!(results, [Some(1), None, Some(3)]);
        // A single item runs on the calling thread, and is caught there too.
        let alone = map(vec![1], |n: i32| -> i32 { panic!("job {n} fails on purpose") });
        assert!(matches!(alone.as_slice(), [Err(Panicked)]));
    }
}
