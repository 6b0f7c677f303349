const config = { service: 'typed', provider: { name: 'aws' } };
module.exports = config;
