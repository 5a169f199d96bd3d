// What every local stand-in (infra/ses-local, infra/s3-local, infra/chat-local) does to die with the Java process
// that started it (testing.StandIns on the Java side): the JVM holds the stand-in's stdin open, so its end (even on
// kill -9 of the JVM) or an error on it ends the stand-in; a changed parent pid (the parent gone, the stand-in
// adopted) ends it too, checked each second.
'use strict';

function exitWithParent() {
  const parent = process.ppid;
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
  setInterval(() => {
    if (process.ppid !== parent) {
      process.exit(0);
    }
  }, 1000).unref();
}

module.exports = { exitWithParent };
