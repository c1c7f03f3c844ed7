// A plain Node script: nothing of xAPI in it.
const sum = (a, b) => a + b;
console.log(sum(1, 2));
