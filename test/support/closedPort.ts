/** A loopback port just freed: nothing listens there (the simulated fleet's own rule for an offline device). */
export { closedPort } from '../../emulator/simulatedFleet';
