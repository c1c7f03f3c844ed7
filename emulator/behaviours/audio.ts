/** Audio volume and mute: the Audio Volume commands drive `Status Audio Volume` / `VolumeMute`. */
import type { Device } from '../device';
import { Behaviour, num, trySetStatus, tryEmit } from './helpers';

export function audioBehaviour(device: Device): Behaviour {
  const volume = (): number => Number(device.getStatus('Audio Volume') ?? 50);
  const setVolume = (v: number, after: (fn: () => void) => void): void => {
    const level = Math.max(0, Math.min(100, v));
    if ((v > 100 || v < 0) && level === volume()) after(() => tryEmit(device, 'Audio Volume AlreadyAtLimit'));
    after(() => trySetStatus(device, 'Audio Volume', level));
  };
  const mute = (on: boolean, after: (fn: () => void) => void): void => after(() => trySetStatus(device, 'Audio VolumeMute', on ? 'On' : 'Off'));
  return {
    name: 'audio',
    commands: {
      'Audio Volume Set': ctx => setVolume(num(ctx.params.Level, volume()), ctx.after),
      'Audio Volume Increase': ctx => setVolume(volume() + num(ctx.params.Steps, 5), ctx.after),
      'Audio Volume Decrease': ctx => setVolume(volume() - num(ctx.params.Steps, 5), ctx.after),
      'Audio Volume SetToDefault': ctx => setVolume(Number(device.getConfiguration('Audio DefaultVolume') ?? 50), ctx.after),
      'Audio Volume Mute': ctx => mute(true, ctx.after),
      'Audio Volume Unmute': ctx => mute(false, ctx.after),
      'Audio Volume ToggleMute': ctx => mute(device.getStatus('Audio VolumeMute') !== 'On', ctx.after),
      'Audio Microphones Mute': ctx => ctx.after(() => trySetStatus(device, 'Audio Microphones Mute', 'On')),
      'Audio Microphones Unmute': ctx => ctx.after(() => trySetStatus(device, 'Audio Microphones Mute', 'Off')),
      'Audio Microphones ToggleMute': ctx => ctx.after(() => trySetStatus(device, 'Audio Microphones Mute', device.getStatus('Audio Microphones Mute') === 'On' ? 'Off' : 'On')),
    },
  };
}
