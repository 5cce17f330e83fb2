// Starts dynalite from bench/node_modules listening on 127.0.0.1 only (its CLI binds every
// interface), with the CLI's defaults otherwise: in memory, tables ACTIVE after 500 ms.
// usage: node bench/dynalite-loopback.js PORT
const port = Number(process.argv[2] || 4567)
const server = require('dynalite')({}).listen(port, '127.0.0.1', () => {
  console.log('dynalite listening on 127.0.0.1:%d', server.address().port)
})
