export default defineBackground(() => {
  // Replaced by the extension work: opens the local database and owns sync.
});
