//! Independent jobs on as many threads as there are cores: parsing spec files, formatting the
//! parts of the generated files. Not a stage; the stages that have such jobs share it.

use std::sync::{Mutex, PoisonError};

/// A job panicked: a bug in the generator or a library it calls, reported rather than
/// propagated as a panic.
#[derive(Debug)]
pub(crate) struct Panicked;

/// Runs `job` on every item, on up to as many threads as there are cores, each thread taking
/// the next item when it is free. The results come back in the items' order, so the output
/// never depends on which thread did what.
pub(crate) fn map<T: Send, R: Send>(items: Vec<T>, job: impl Fn(T) -> R + Sync) -> Result<Vec<R>, Panicked> {
    let count = items.len();
    let queue = Mutex::new(items.into_iter().enumerate());
    let worker = || {
        let mut done = Vec::new();
        loop {
            let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
            let Some((index, item)) = next else { break };
            done.push((index, job(item)));
        }
        done
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, count.max(1));
    let joined: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(worker)).collect();
        handles.into_iter().map(|handle| handle.join()).collect()
    });
    let mut results = Vec::with_capacity(count);
    for done in joined {
        results.extend(done.map_err(|_| Panicked)?);
    }
    results.sort_by_key(|(index, _)| *index);
    Ok(results.into_iter().map(|(_, result)| result).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven work, so threads finish their items out of order.
        let squares = map(items, |n| {
            std::thread::sleep(std::time::Duration::from_micros(n % 7 * 10));
            n * n
        })
        .unwrap();
        assert_eq!(squares, (0..1000).map(|n| n * n).collect::<Vec<_>>());
        assert_eq!(map(Vec::<u8>::new(), |n| n).unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn a_panicking_job_is_an_error_not_a_panic() {
        let result = map(vec![1, 2, 3], |n| if n == 2 { panic!("job {n} fails") } else { n });
        assert!(result.is_err());
    }
}
