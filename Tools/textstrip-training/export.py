import pickle, sys, numpy as np
from loadswift import *
def fmt(x): 
    s=f"{x:.6g}"
    return s
def tree_tokens(t, out):
    if t[0]=='leaf': out.append('='+fmt(t[1])); return
    out.append(f"{t[1]}<{fmt(t[3])}"); tree_tokens(t[4],out); tree_tokens(t[5],out)
def encode(m):
    parts=[f"{fmt(m.base)} {fmt(m.lr)}"]
    for t in m.trees:
        toks=[]; tree_tokens(t,toks); parts.append(' '.join(toks))
    return '|'.join(parts)
def write_swift(b1, m2, path, names1, ctxnames):
    enc=encode(m2) if m2 is not None else "0 1"
    # wrap into lines of <=150 chars at token boundaries
    lines=[]; cur=''
    for tok in enc.split(' '):
        if len(cur)+len(tok)+1>140: lines.append(cur); cur=tok
        else: cur=(cur+' '+tok) if cur else tok
    lines.append(cur)
    w=', '.join(fmt(x) for x in b1)
    wl=[]; cur=''
    for tok in w.split(' '):
        if len(cur)+len(tok)+1>110: wl.append(cur); cur=tok
        else: cur=(cur+' '+tok) if cur else tok
    wl.append(cur)
    src=f'''/// The learned parameters of the text classifier (generated; do not edit by hand).
///
/// Fitted on block features of page-wide scraped text with word-level truth, cross-validated by
/// site: a logistic first pass over the {len(names1)} local features of ``TextPage``, then
/// {len(m2.trees) if m2 else 0} boosted trees of depth {DEPTH} over the {len(ctxnames)} context features of
/// ``TextContext`` followed by the local ones.
enum TextModel {{
    /// First-pass weights, in the order of ``TextPage/featureNames``, then the bias.
    static let firstPassWeights: [Double] = [
        {(chr(10)+'        ').join(wl)}
    ]

    /// The first-pass log-odds of a block's local features.
    static func firstPass(_ row: UnsafeBufferPointer<Double>) -> Double {{
        var sum = firstPassWeights[row.count]
        for (value, weight) in zip(row, firstPassWeights) {{ sum += value * weight }}
        return sum
    }}

    /// The second pass: boosted trees over the context features and then the local features.
    static let secondPass = TreeEnsemble(secondPassText)

    /// The second pass's trees in ``TreeEnsemble``'s text form.
    static let secondPassText = """
        {(chr(10)+'        ').join(lines)}
        """
}}
'''
    open(path,'w').write(src)
DEPTH=4
if __name__=='__main__':
    from ctx2 import CTXN
    FE,names=pickle.load(open('sfe.pkl','rb'))
    d=pickle.load(open(sys.argv[1],'rb'))
    b1=d[1]; m2=d[3] if len(sys.argv)<3 or sys.argv[2]!='nomodel' else None
    if m2 is not None and not hasattr(m2,'trees'): m2=None
    write_swift(b1,m2,'/work/main/Sources/Winnow/Strip/Text/TextModel.swift',names,CTXN)
