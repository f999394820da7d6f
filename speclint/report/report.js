// The HTML report's script, inlined into the page by speclint/report/html.py: filters
// (text, severity, rule, category, file), kept in the address's fragment.
(function(){
  const findings=[...document.querySelectorAll('.finding')];
  const files=[...document.querySelectorAll('details.file')];
  const q=document.getElementById('q'), rule=document.getElementById('rule');
  const sevs=[...document.querySelectorAll('.chip input')];
  const shown=document.getElementById('shown');
  const state={category:'',file:''};
  function severities(){return new Set(sevs.filter(s=>s.checked).map(s=>s.value));}
  function apply(keep){
    const text=q.value.trim().toLowerCase(), want=severities();
    let count=0;
    for(const f of findings){
      const ok=want.has(f.dataset.severity)&&(!rule.value||f.dataset.rule===rule.value)
        &&(!state.category||f.dataset.category===state.category)&&(!state.file||f.dataset.file===state.file)
        &&(!text||f.dataset.text.includes(text));
      f.classList.toggle('hidden',!ok); if(ok)count++;
    }
    for(const d of files){
      const n=d.querySelectorAll('.finding:not(.hidden)').length;
      d.classList.toggle('hidden',n===0); d.querySelector('.count').textContent=n+(n===1?' finding':' findings');
    }
    shown.textContent='Showing '+count+' of '+findings.length+' findings';
    shown.dataset.count=count;
    document.querySelectorAll('.card[data-severity]').forEach(c=>c.setAttribute('aria-pressed',
      String(want.size===1&&want.has(c.dataset.severity))));
    document.querySelectorAll('.bar').forEach(b=>b.setAttribute('aria-pressed',String(
      (b.dataset.rule&&b.dataset.rule===rule.value)||(b.dataset.category&&b.dataset.category===state.category)
      ||(b.dataset.file&&b.dataset.file===state.file))));
    const h=new URLSearchParams();
    if(text)h.set('q',text); if(want.size<sevs.length)h.set('severity',[...want].join(','));
    if(rule.value)h.set('rule',rule.value); if(state.category)h.set('category',state.category);
    if(state.file)h.set('file',state.file);
    if(keep)return;
    const hash=h.toString(); history.replaceState(null,'',hash?'#'+hash:location.pathname+location.search);
  }
  function load(){
    const h=new URLSearchParams(location.hash.slice(1));
    q.value=h.get('q')||'';
    const s=h.get('severity'); sevs.forEach(c=>c.checked=!s||s.split(',').includes(c.value));
    rule.value=h.get('rule')||''; state.category=h.get('category')||''; state.file=h.get('file')||'';
    apply();
  }
  const run=()=>apply(false);
  q.addEventListener('input',run); rule.addEventListener('change',run); sevs.forEach(s=>s.addEventListener('change',run));
  document.getElementById('clear').addEventListener('click',()=>{q.value='';rule.value='';state.category='';state.file='';
    sevs.forEach(s=>s.checked=true);apply();});
  document.querySelectorAll('.card[data-severity]').forEach(c=>c.addEventListener('click',()=>{
    const only=c.getAttribute('aria-pressed')!=='true'; sevs.forEach(s=>s.checked=!only||s.value===c.dataset.severity);apply();
    document.getElementById('findings').scrollIntoView();}));
  document.querySelectorAll('.bar').forEach(b=>b.addEventListener('click',()=>{
    const on=b.getAttribute('aria-pressed')!=='true';
    if(b.dataset.rule!==undefined)rule.value=on?b.dataset.rule:'';
    if(b.dataset.category!==undefined)state.category=on?b.dataset.category:'';
    if(b.dataset.file!==undefined)state.file=on?b.dataset.file:'';
    apply(); document.getElementById('findings').scrollIntoView();}));
  window.addEventListener('hashchange',()=>{if(!location.hash.startsWith('#rule-'))load();});
  if(location.hash.startsWith('#rule-'))apply(true); else load();
})();
