// The poll list's and poll pages' server data (see server-data.ts): open and closed polls' public fields only,
// read through the PublicReader; never a ballot, a proposal or a tally shard.
import { usePollsStore } from '@/stores/polls';
import type { ServerData } from './server-data';

export const pollsData: ServerData = async ({ reader, pinia }) => {
  usePollsStore(pinia).serveList(await reader.polls(), Date.now());
};

/** An open or closed poll; 404 for a draft or none. */
export const pollData: ServerData = async ({ route, reader, pinia }) => {
  const id = String(route.params.id);
  const poll = await reader.poll(id);
  usePollsStore(pinia).serve(id, poll, Date.now());
  return poll ? 200 : 404;
};
